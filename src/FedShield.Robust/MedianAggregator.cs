using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// The coordinate-wise median of the updates (Yin et al. 2018), unweighted: for each coordinate the
/// middle value, or for an even number of updates the mean of the two middle values (computed in
/// double precision, rounded to float once). Robust while attackers are fewer than half the updates:
/// each output coordinate then lies within the range of the honest values of that coordinate.
/// </summary>
/// <remarks>
/// Metrics: <c>agg.selected</c> updates used (n), <c>agg.excluded</c> updates left out (0; the median
/// excludes values, not clients), <c>agg.trimmed</c> values dropped per coordinate (n − 1 for odd n,
/// n − 2 for even n). <see cref="AggregationResult.ExcludedClients"/> is empty.
/// The set is processed in blocks of a few dozen coordinates, ordered by a vectorised sorting
/// network and spread over the cores; the extra memory is a few kilobytes per core and the result.
/// </remarks>
public sealed class MedianAggregator : IAggregator
{
    /// <inheritdoc/>
    public string Name => "median";

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">There are no updates.</exception>
    /// <exception cref="ArgumentException">Updates differ in length, repeat a client id, or hold a NaN or infinite value.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        int length = RobustMath.CheckUpdates(updates, "the median");
        int n = updates.Count;
        int from = (n - 1) / 2, to = n / 2 + 1;
        var network = CoordinateSortingNetwork.Selecting(n, from, to, ordered: false);
        var delta = CoordinateBlocks.Reduce(updates, length, network, new RowMeanReducer(from, to));
        return new AggregationResult(
            delta,
            MetricSet.Of(new Metric("agg.selected", n), new Metric("agg.excluded", 0), new Metric("agg.trimmed", n - (to - from))),
            []);
    }
}
