using FedShield.Tensors;

namespace FedShield.Nn.Losses;

/// <summary>
/// Cross-entropy on unnormalised logits, as <c>torch.nn.CrossEntropyLoss</c>: the
/// <see cref="NllLoss"/> of log-softmax(x) along the class axis, with optional class weights,
/// ignored index and reduction. Composed from LogSoftmax and Gather, so second-order gradients
/// pass through it.
/// </summary>
public sealed class CrossEntropyLoss
{
    /// <summary>Creates the loss; null options mean an unweighted mean.</summary>
    public CrossEntropyLoss(ClassificationLossOptions? options = null) => Options = options ?? new ClassificationLossOptions();

    /// <summary>The configuration.</summary>
    public ClassificationLossOptions Options { get; }

    /// <summary>The loss of logits (N, C) against class indices (N): a scalar, or (N) with <see cref="Reduction.None"/>.</summary>
    /// <exception cref="ArgumentException">The logits are not (N, C), the target count differs from N, or the class weights do not number C.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is not in [0, C) and not the ignored index; the message names it and the class count.</exception>
    public Tensor Forward(Tensor logits, ReadOnlySpan<int> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2)
        {
            throw new ArgumentException($"{nameof(CrossEntropyLoss)}: logits {ShapeText.Format(logits.Shape)} must be (N, C).", nameof(logits));
        }

        return NllCore.Compute(nameof(CrossEntropyLoss), Ops.LogSoftmax(logits, 1), targets, Options);
    }
}
