namespace FedShield.Experiments.Output;

/// <summary>The evaluation with the highest test accuracy (the earliest round on ties).</summary>
/// <param name="Round">The round it was measured after.</param>
/// <param name="Accuracy">Test accuracy in [0, 1], or null when not measured.</param>
public sealed record BestResult(int Round, double? Accuracy);
