using FedShield.Data;
using FedShield.Tensors;

namespace FedShield.Learning;

/// <summary>Scores a rented model on samples of a data set: eval mode, no gradients, a tensor scope per batch.</summary>
internal static class BatchEvaluation
{
    /// <summary>
    /// Sums the per-sample losses and counts right predictions over <paramref name="indices"/>,
    /// in batches of <paramref name="batchSize"/>; with non-empty per-class spans, also counts per
    /// true class. The caller sets the weights first.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled between batches.</exception>
    public static (double LossSum, long Correct) Run(ModelLease lease, Dataset data, ReadOnlySpan<int> indices, int batchSize, Span<long> perClassTotal, Span<long> perClassCorrect, CancellationToken cancellationToken)
    {
        var instance = lease.Instance;
        var model = instance.Model;
        var blueprint = instance.Pool.Blueprint;
        var batch = instance.Batch;
        model.Eval();
        using var noGrad = GradMode.NoGrad();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < indices.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, indices.Length - start);
            batch.Load(data, indices.Slice(start, count));
            using (TensorScope.Begin())
            {
                var logits = model.Forward(batch.Inputs);
                Scoring.CheckLogits(blueprint, logits, count);
                lossSum += Scoring.Loss(blueprint.Head, logits, batch, sum: true).Item();
                correct += Scoring.CountCorrect(blueprint.Head, logits, batch.Labels, perClassTotal, perClassCorrect);
            }
        }

        return (lossSum, correct);
    }
}
