using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// Bulyan (El Mhamdi et al. 2018) over Krum: select θ = n − 2f updates by applying Krum repeatedly,
/// each time to the updates not yet selected (scoring over n' − f − 2 neighbours for the n'
/// remaining, at least 1: the last steps run below Krum's own bound n' &gt; 2f + 2), then per
/// coordinate average the β = θ − 2f selected values closest to the median of the θ selected
/// values. Needs n ≥ 4f + 3.
/// </summary>
/// <remarks>
/// Unweighted. Ties in a Krum step go to the lower client id; in the coordinate step, when both ends
/// of the sorted window are equally far from the median the larger value is dropped. Metrics:
/// <c>agg.f</c> the resolved f, <c>agg.selected</c> θ, <c>agg.excluded</c> n − θ = 2f,
/// <c>agg.trimmed</c> values of the θ selected dropped per coordinate (θ − β = 2f), <c>agg.kept</c> β.
/// <see cref="AggregationResult.ExcludedClients"/>: the 2f clients Krum never selected, ascending.
/// </remarks>
/// <param name="attackers">The number f of Byzantine updates to tolerate (fixed or a fraction of n).</param>
public sealed class BulyanAggregator(AssumedAttackers attackers) : IAggregator
{
    /// <summary>The number f of Byzantine updates tolerated.</summary>
    public AssumedAttackers Attackers { get; } = attackers;

    /// <inheritdoc/>
    public string Name => "bulyan";

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">There are no updates, or n &lt; 4f + 3.</exception>
    /// <exception cref="ArgumentException">Updates differ in length, repeat a client id, or hold a NaN or infinite value.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        int length = RobustMath.CheckUpdates(updates, Name);
        int n = updates.Count;
        int f = Attackers.Resolve(n);
        if (n < 4L * f + 3)
        {
            throw new InvalidOperationException($"bulyan needs n >= 4f + 3 updates; got n = {n} with f = {f} ({Attackers})");
        }

        var scoring = new KrumScoring(SquaredDistanceMatrix.Compute(updates, length), n);
        var active = new bool[n];
        Array.Fill(active, true);
        int theta = n - 2 * f;
        var selected = new List<int>(theta);
        for (int t = 0; t < theta; t++)
        {
            int remaining = n - t;
            var scores = scoring.Scores(active, Math.Max(remaining - f - 2, 1));
            int best = KrumScoring.Rank(scores, active, updates)[0];
            selected.Add(best);
            active[best] = false;
        }

        int beta = theta - 2 * f;
        var rows = selected.Select(i => updates[i]).OrderBy(u => u.ClientId).ToArray();
        var delta = CoordinateBlocks.Reduce(rows, length, CoordinateSortingNetwork.Sorting(theta), new BulyanColumnReducer(theta, beta));
        return new AggregationResult(
            delta,
            MetricSet.Of(
                new Metric("agg.f", f),
                new Metric("agg.selected", theta),
                new Metric("agg.excluded", n - theta),
                new Metric("agg.trimmed", theta - beta),
                new Metric("agg.kept", beta)),
            RobustMath.ExcludedClients(updates, selected));
    }
}
