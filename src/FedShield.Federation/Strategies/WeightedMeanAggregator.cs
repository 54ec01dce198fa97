using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;

namespace FedShield.Federation.Strategies;

/// <summary>
/// FedAvg's aggregation: the mean of the deltas weighted by sample count,
/// Δ = Σ n_k Δ_k / Σ n_k. Sums are accumulated in double precision in the order the updates are
/// given, so the result is deterministic; folding incrementally gives the same bits as aggregating
/// the list.
/// </summary>
public sealed class WeightedMeanAggregator : IIncrementalAggregator, ISummableAggregator
{
    /// <summary>Whether every update counts once regardless of its sample count.</summary>
    public bool Unweighted { get; init; }

    /// <inheritdoc/>
    public string Name => Unweighted ? "mean" : "weighted-mean";

    /// <inheritdoc/>
    public SumForm? SumForm => new(null, !Unweighted);

    /// <inheritdoc/>
    public AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count) =>
        Finish(weightedSum, totalWeight, count);

    /// <inheritdoc/>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new InvalidOperationException("the weighted mean needs at least one update");
        }

        var acc = Begin(updates[0].Values.Length);
        foreach (var u in updates)
        {
            acc.Add(u);
        }

        return acc.Complete();
    }

    /// <inheritdoc/>
    public IUpdateAccumulator Begin(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new Accumulator(length, Unweighted);
    }

    private sealed class Accumulator(int length, bool unweighted) : IUpdateAccumulator
    {
        private readonly double[] _sum = new double[length];
        private double _weight;
        private int _count;

        public void Add(ClientUpdate update)
        {
            ArgumentNullException.ThrowIfNull(update);
            var values = update.Values;
            if (values.Length != _sum.Length)
            {
                throw new ArgumentException($"update of client {update.ClientId} has {values.Length} values, expected {_sum.Length}", nameof(update));
            }

            double w = unweighted ? 1 : update.SampleCount;
            if (!(w > 0))
            {
                throw new ArgumentException($"update of client {update.ClientId} has sample count {update.SampleCount}; expected a positive count", nameof(update));
            }

            for (var i = 0; i < values.Length; i++)
            {
                _sum[i] += w * values[i];
            }

            _weight += w;
            _count++;
        }

        public AggregationResult Complete() => Finish(_sum, _weight, _count);
    }

    private static AggregationResult Finish(ReadOnlySpan<double> sum, double weight, int count)
    {
        if (count <= 0)
        {
            throw new InvalidOperationException("the weighted mean needs at least one update");
        }

        if (!(weight > 0))
        {
            throw new InvalidOperationException($"the weighted mean needs a positive total weight, not {weight}");
        }

        var delta = new float[sum.Length];
        var inv = 1.0 / weight;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = (float)(sum[i] * inv);
        }

        return new AggregationResult(delta, MetricSet.Of(new Metric("aggregator.updates", count), new Metric("aggregator.weight", weight)), []);
    }
}
