using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// Norm bounding (Sun et al., "Can You Really Backdoor Federated Learning?", 2019): every update is
/// scaled by min(1, M / ‖Δ_k‖) so that its L2 norm is at most the bound M, then the sample-count
/// weighted mean Σ n_k Δ̃_k / Σ n_k is taken. The bound is either fixed (<see cref="WithBound"/>) or the
/// median of the round's update norms (<see cref="ToMedianNorm"/>), which needs no tuning and clips
/// at most half of the updates. Norms and sums are computed in double precision in ascending
/// client-id order, so the result does not depend on the order of the updates. No update is excluded.
/// </summary>
/// <remarks>
/// Metrics: <c>agg.bound</c> (the bound used), <c>agg.clipped</c> (how many updates were scaled down),
/// <c>agg.norm_median</c> and <c>agg.norm_max</c> (of the updates before clipping).
/// </remarks>
public sealed class NormBoundingAggregator : ISummableAggregator
{
    private NormBoundingAggregator(double? bound) => Bound = bound;

    /// <summary>The fixed L2 bound, or null when the bound is each round's median update norm.</summary>
    public double? Bound { get; }

    /// <inheritdoc/>
    public string Name => "norm-bounding";

    /// <inheritdoc/>
    /// <remarks>With a fixed bound each client clips its own update; the median-norm bound needs every norm, so it has no sum form.</remarks>
    public SumForm? SumForm => Bound is { } bound ? new SumForm(bound, WeightBySamples: true) : null;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">This aggregator bounds to the median norm, which a sum cannot give; or the sum is empty.</exception>
    public AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count)
    {
        if (Bound is not { } bound)
        {
            throw new InvalidOperationException("norm bounding to the round's median norm needs each update's norm, which a sum does not reveal");
        }

        if (count <= 0 || !(totalWeight > 0))
        {
            throw new InvalidOperationException($"norm bounding needs at least one update with positive weight (got {count} updates, weight {totalWeight})");
        }

        return new AggregationResult(VectorMath.ToSingle(weightedSum, totalWeight), MetricSet.Of(new Metric("agg.bound", bound)), []);
    }

    /// <summary>An aggregator that clips every update to L2 norm at most <paramref name="bound"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive and finite.</exception>
    public static NormBoundingAggregator WithBound(double bound) =>
        double.IsFinite(bound) && bound > 0
            ? new NormBoundingAggregator(bound)
            : throw new ArgumentOutOfRangeException(nameof(bound), bound, "Expected a positive, finite L2 norm bound.");

    /// <summary>
    /// An aggregator whose bound is the median of the round's update norms (the mean of the two middle
    /// norms for an even count).
    /// </summary>
    public static NormBoundingAggregator ToMedianNorm() => new(null);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The updates differ in length, a sample count is not positive, a value is not finite or a client appears twice.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var sorted = UpdateChecks.InClientOrder(updates, Name);
        var norms = new double[sorted.Length];
        for (var k = 0; k < sorted.Length; k++)
        {
            norms[k] = VectorMath.Norm(sorted[k].Values);
        }

        var sortedNorms = (double[])norms.Clone();
        var median = VectorMath.MedianInPlace(sortedNorms);
        var max = sortedNorms[^1];
        var bound = Bound ?? median;

        var sum = new double[sorted[0].Values.Length];
        double weight = 0;
        var clipped = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            // Written so that a zero bound (median of mostly zero updates) scales by 0, never 0/0.
            var scale = 1.0;
            if (norms[k] > bound)
            {
                scale = bound / norms[k];
                clipped++;
            }

            double n = sorted[k].SampleCount;
            VectorMath.AddScaledInPlace(sum, n * scale, sorted[k].Values);
            weight += n;
        }

        var metrics = MetricSet.Of(
            new Metric("agg.bound", bound),
            new Metric("agg.clipped", clipped),
            new Metric("agg.norm_median", median),
            new Metric("agg.norm_max", max));
        return new AggregationResult(VectorMath.ToSingle(sum, weight), metrics, []);
    }
}
