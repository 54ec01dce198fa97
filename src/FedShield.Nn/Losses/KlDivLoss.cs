using FedShield.Tensors;

namespace FedShield.Nn.Losses;

/// <summary>
/// Kullback–Leibler divergence with PyTorch's <c>kl_div</c> conventions: the input holds
/// log-probabilities q (log Q), the target probabilities p (or log-probabilities with
/// <see cref="LogTarget"/>), and each point-wise term is p·(log p − q), taken as 0 where p = 0.
/// </summary>
public sealed class KlDivLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the point-wise terms combine; <see cref="KlDivReduction.BatchMean"/> gives the KL divergence per sample.</param>
    /// <param name="logTarget">Whether the target is given as log-probabilities.</param>
    public KlDivLoss(KlDivReduction reduction = KlDivReduction.BatchMean, bool logTarget = false)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }

        Reduction = reduction;
        LogTarget = logTarget;
    }

    /// <summary>How the point-wise terms combine.</summary>
    public KlDivReduction Reduction { get; }

    /// <summary>Whether the target holds log-probabilities.</summary>
    public bool LogTarget { get; }

    /// <summary>The divergence of the target distribution from the input's (same shapes).</summary>
    /// <exception cref="ArgumentException">The shapes differ, or batch-mean is asked of a scalar.</exception>
    public Tensor Forward(Tensor logProbabilities, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(target);
        if (!logProbabilities.Shape.SequenceEqual(target.Shape))
        {
            throw new ArgumentException($"{nameof(KlDivLoss)}: input {ShapeText.Format(logProbabilities.Shape)} and target {ShapeText.Format(target.Shape)} differ in shape.", nameof(target));
        }

        Tensor terms;
        if (LogTarget)
        {
            terms = Ops.Mul(Ops.Exp(target), Ops.Sub(target, logProbabilities));
        }
        else
        {
            // xlogy(p, p): log of 1 where p = 0, so the term and its gradient are 0 there.
            var safe = Ops.Where(Ops.Greater(target, 0f), target, Tensor.Ones());
            terms = Ops.Mul(target, Ops.Sub(Ops.Log(safe), logProbabilities));
        }

        switch (Reduction)
        {
            case KlDivReduction.None:
                return terms;
            case KlDivReduction.Sum:
                return Ops.Sum(terms);
            case KlDivReduction.Mean:
                return Ops.Mean(terms);
            default:
                if (terms.Rank == 0)
                {
                    throw new ArgumentException($"{nameof(KlDivLoss)}: batch-mean needs a batch axis; the input is a scalar.", nameof(logProbabilities));
                }

                return Ops.Mul(Ops.Sum(terms), 1f / terms.Size(0));
        }
    }
}
