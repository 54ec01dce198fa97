namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>An (ε, δ) differential privacy guarantee and the Rényi order it was derived from.</summary>
/// <param name="Epsilon">ε (0 when nothing was spent, +∞ when no order gives a finite bound).</param>
/// <param name="Delta">δ.</param>
/// <param name="Order">The Rényi order α that gave the tightest bound; NaN when no order was needed (nothing spent) or none gave a finite bound.</param>
public sealed record PrivacySpent(double Epsilon, double Delta, double Order);
