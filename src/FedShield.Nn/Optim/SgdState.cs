namespace FedShield.Nn.Optim;

/// <summary>A copy of <see cref="Sgd"/>'s state, for carrying it across federated rounds or checkpoints.</summary>
/// <param name="StepCount">Steps taken.</param>
/// <param name="MomentumBuffer">The momentum buffer, or null when none exists yet (the next step starts it from the gradient) or momentum is off.</param>
public sealed record SgdState(long StepCount, float[]? MomentumBuffer);
