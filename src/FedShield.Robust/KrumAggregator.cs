using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// Krum (Blanchard et al. 2017): score(i) = the sum of the squared Euclidean distances from update i
/// to its n − f − 2 nearest other updates; the result is the update with the lowest score, copied.
/// Ties go to the lower client id, so the result does not depend on the order of the updates.
/// Needs n &gt; 2f + 2.
/// </summary>
/// <remarks>
/// Metrics: <c>agg.f</c> the resolved number of attackers f, <c>agg.neighbours</c> n − f − 2,
/// <c>agg.selected</c> 1, <c>agg.excluded</c> n − 1, <c>agg.score_min</c> the chosen update's score,
/// <c>agg.score_cutoff</c> the highest score among the selected (the same for Krum).
/// <see cref="AggregationResult.ExcludedClients"/>: every other client, ascending.
/// Distances come from direct differences, blocked and vectorised over all cores; extra memory is a
/// few n × n double matrices and the result.
/// </remarks>
/// <param name="attackers">The number f of Byzantine updates to tolerate (fixed or a fraction of n).</param>
public sealed class KrumAggregator(AssumedAttackers attackers) : IAggregator
{
    /// <summary>The number f of Byzantine updates tolerated.</summary>
    public AssumedAttackers Attackers { get; } = attackers;

    /// <inheritdoc/>
    public string Name => "krum";

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">There are no updates, or n ≤ 2f + 2.</exception>
    /// <exception cref="ArgumentException">Updates differ in length, repeat a client id, or hold a NaN or infinite value.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var ranked = KrumSelection.Rank(updates, Attackers, Name, out int length, out int f, out var scores);
        int best = ranked[0];
        var delta = updates[best].Values.AsSpan(0, length).ToArray();
        int n = updates.Count;
        return new AggregationResult(
            delta,
            MetricSet.Of(
                new Metric("agg.f", f),
                new Metric("agg.neighbours", n - f - 2),
                new Metric("agg.selected", 1),
                new Metric("agg.excluded", n - 1),
                new Metric("agg.score_min", scores[best]),
                new Metric("agg.score_cutoff", scores[best])),
            RobustMath.ExcludedClients(updates, [best]));
    }
}
