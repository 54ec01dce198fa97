using FedShield.Tensors;

namespace FedShield.Nn.Losses;

/// <summary>Squared error (x − y)², element-wise, then reduced, as <c>torch.nn.MSELoss</c>.</summary>
public sealed class MseLoss
{
    /// <summary>Creates the loss with the given reduction (the mean by default).</summary>
    public MseLoss(Reduction reduction = Reduction.Mean)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }

        Reduction = reduction;
    }

    /// <summary>How the element-wise losses combine.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="input"/> against <paramref name="target"/> (same shape).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (!input.Shape.SequenceEqual(target.Shape))
        {
            throw new ArgumentException($"{nameof(MseLoss)}: input {ShapeText.Format(input.Shape)} and target {ShapeText.Format(target.Shape)} differ in shape.", nameof(target));
        }

        var diff = Ops.Sub(input, target);
        return BceWithLogitsLoss.Reduce(Ops.Mul(diff, diff), Reduction);
    }
}
