namespace FedShield.Federation.Strategies;

/// <summary>
/// An aggregator whose result can be computed from the sum of updates that each client prepares on
/// its own (weighted by its sample count or not, clipped to an L2 bound or not). Protocols that
/// reveal only a sum (secure aggregation, NISS) can run it; an aggregator that needs the individual
/// updates (median, Krum, …) does not implement this, or returns a null <see cref="SumForm"/>.
/// </summary>
public interface ISummableAggregator : IAggregator
{
    /// <summary>How each client prepares its update before summing, or null when this configuration needs the individual updates.</summary>
    SumForm? SumForm { get; }

    /// <summary>
    /// The aggregate from the sum Σ w_k·x_k of the prepared updates x_k (each weighted by w_k, its
    /// sample count or 1 as <see cref="SumForm"/> says) and the total weight Σ w_k.
    /// </summary>
    /// <param name="weightedSum">Σ w_k·x_k, one element per model parameter.</param>
    /// <param name="totalWeight">Σ w_k (positive).</param>
    /// <param name="count">The number of updates in the sum.</param>
    /// <exception cref="InvalidOperationException">The total weight is not positive, or the count is zero.</exception>
    AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count);
}

/// <summary>How a client prepares its update for a summing protocol.</summary>
/// <param name="ClipNorm">The L2 bound each client clips its delta to; null for none.</param>
/// <param name="WeightBySamples">Whether each update is weighted by its sample count (true) or counts once (false).</param>
public sealed record SumForm(double? ClipNorm, bool WeightBySamples);
