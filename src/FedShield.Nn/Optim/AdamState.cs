namespace FedShield.Nn.Optim;

/// <summary>A copy of <see cref="Adam"/>'s or <see cref="AdamW"/>'s state, for carrying it across federated rounds or checkpoints.</summary>
/// <param name="StepCount">Steps taken (the exponent of the bias corrections).</param>
/// <param name="ExpAvg">First-moment estimate m, one per parameter.</param>
/// <param name="ExpAvgSq">Second-moment estimate v, one per parameter.</param>
public sealed record AdamState(long StepCount, float[] ExpAvg, float[] ExpAvgSq);
