using FedShield.Tensors;

namespace FedShield.Nn.Losses;

/// <summary>
/// Binary cross-entropy on logits, as <c>torch.nn.BCEWithLogitsLoss</c>:
/// ℓ = −[p·t·log σ(x) + (1 − t)·log(1 − σ(x))], computed stably from the logits, with an optional
/// positive-class weight p per entry of the last axis (1 without it) and a reduction.
/// </summary>
public sealed class BceWithLogitsLoss
{
    private readonly float[]? _positiveWeight;

    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the element-wise losses combine.</param>
    /// <param name="positiveWeight">Optional weight of positive examples per entry of the logits' last axis (PyTorch's <c>pos_weight</c>), finite and non-negative.</param>
    /// <exception cref="ArgumentException">A positive weight is negative or not finite.</exception>
    public BceWithLogitsLoss(Reduction reduction = Reduction.Mean, IReadOnlyList<float>? positiveWeight = null)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }

        if (positiveWeight is not null)
        {
            if (positiveWeight.Count == 0 || positiveWeight.Any(w => !float.IsFinite(w) || w < 0))
            {
                throw new ArgumentException("BceWithLogitsLoss: positive weights must be a non-empty list of finite, non-negative values.", nameof(positiveWeight));
            }

            _positiveWeight = positiveWeight.ToArray();
        }

        Reduction = reduction;
    }

    /// <summary>How the element-wise losses combine.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="logits"/> against <paramref name="targets"/> (same shape, values in [0, 1]).</summary>
    /// <exception cref="ArgumentException">The shapes differ, or the positive weights do not match the last axis.</exception>
    public Tensor Forward(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!logits.Shape.SequenceEqual(targets.Shape))
        {
            throw new ArgumentException($"{nameof(BceWithLogitsLoss)}: logits {ShapeText.Format(logits.Shape)} and targets {ShapeText.Format(targets.Shape)} differ in shape.", nameof(targets));
        }

        Tensor losses;
        if (_positiveWeight is null)
        {
            losses = Ops.BinaryCrossEntropyWithLogits(logits, targets);
        }
        else
        {
            int last = logits.Rank == 0 ? 1 : logits.Size(-1);
            if (_positiveWeight.Length != last && _positiveWeight.Length != 1)
            {
                throw new ArgumentException($"{nameof(BceWithLogitsLoss)}: {_positiveWeight.Length} positive weights given for logits {ShapeText.Format(logits.Shape)} (last axis {last}).", nameof(logits));
            }

            // (1 − t)·x + (1 + (p − 1)·t)·softplus(−x), with softplus(−x) = softplus(x) − x = BCE(x, 0) − x.
            var p = Tensor.FromArray(_positiveWeight, _positiveWeight.Length);
            var softplusNeg = Ops.Sub(Ops.BinaryCrossEntropyWithLogits(logits, Tensor.Zeros(logits.Shape.ToArray())), logits);
            var logWeight = Ops.Add(Ops.Mul(Ops.Add(p, -1f), targets), 1f);
            losses = Ops.Add(Ops.Mul(Ops.RSub(1f, targets), logits), Ops.Mul(logWeight, softplusNeg));
        }

        return Reduce(losses, Reduction);
    }

    internal static Tensor Reduce(Tensor losses, Reduction reduction) => reduction switch
    {
        Reduction.None => losses,
        Reduction.Sum => Ops.Sum(losses),
        _ => Ops.Mean(losses),
    };
}
