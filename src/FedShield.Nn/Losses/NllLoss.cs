using FedShield.Tensors;

namespace FedShield.Nn.Losses;

/// <summary>
/// Negative log-likelihood loss on log-probabilities, as <c>torch.nn.NLLLoss</c>:
/// ℓᵢ = −w[tᵢ]·x[i, tᵢ] for x (N, C) and class indices t (N), reduced as configured
/// (the mean divides by Σ w[tᵢ]). Composed from differentiable operations, so second-order
/// gradients pass through it.
/// </summary>
public sealed class NllLoss
{
    /// <summary>Creates the loss; null options mean an unweighted mean.</summary>
    public NllLoss(ClassificationLossOptions? options = null) => Options = options ?? new ClassificationLossOptions();

    /// <summary>The configuration.</summary>
    public ClassificationLossOptions Options { get; }

    /// <summary>The loss of log-probabilities (N, C) against class indices (N): a scalar, or (N) with <see cref="Reduction.None"/>.</summary>
    /// <exception cref="ArgumentException">The input is not (N, C), the target count differs from N, or the class weights do not number C.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is not in [0, C) and not the ignored index; the message names it and the class count.</exception>
    public Tensor Forward(Tensor logProbabilities, ReadOnlySpan<int> targets)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        return NllCore.Compute(nameof(NllLoss), logProbabilities, targets, Options);
    }
}
