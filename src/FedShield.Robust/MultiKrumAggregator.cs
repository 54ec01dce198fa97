using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// Multi-Krum (Blanchard et al. 2017): rank the updates by their Krum score (the sum of squared
/// distances to the n − f − 2 nearest others; ties to the lower client id) and average the m lowest,
/// weighted by sample count (Σ n_k Δ_k / Σ n_k in double precision, in client-id order).
/// m defaults to n − f. Needs n &gt; 2f + 2 and 1 ≤ m ≤ n − f.
/// </summary>
/// <remarks>
/// Metrics: <c>agg.f</c> the resolved f, <c>agg.neighbours</c> n − f − 2, <c>agg.selected</c> m,
/// <c>agg.excluded</c> n − m, <c>agg.score_min</c> the lowest score, <c>agg.score_cutoff</c> the
/// highest score among the m selected. <see cref="AggregationResult.ExcludedClients"/>: the n − m
/// clients not selected, ascending.
/// </remarks>
public sealed class MultiKrumAggregator : IAggregator
{
    /// <summary>Creates the rule.</summary>
    /// <param name="attackers">The number f of Byzantine updates to tolerate (fixed or a fraction of n).</param>
    /// <param name="select">How many updates to average (m ≥ 1); null for n − f.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="select"/> is below 1.</exception>
    public MultiKrumAggregator(AssumedAttackers attackers, int? select = null)
    {
        if (select is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(select), select, $"multi-krum must select at least 1 update; got {select}.");
        }

        Attackers = attackers;
        Select = select;
    }

    /// <summary>The number f of Byzantine updates tolerated.</summary>
    public AssumedAttackers Attackers { get; }

    /// <summary>How many updates are averaged; null for n − f.</summary>
    public int? Select { get; }

    /// <inheritdoc/>
    public string Name => "multi-krum";

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">There are no updates, n ≤ 2f + 2, or m &gt; n − f.</exception>
    /// <exception cref="ArgumentException">Updates differ in length, repeat a client id, hold a NaN or infinite value, or have a non-positive sample count.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        RobustMath.CheckSampleCounts(updates.Where(u => u is not null));
        var ranked = KrumSelection.Rank(updates, Attackers, Name, out int length, out int f, out var scores);
        int n = updates.Count;
        int m = Select ?? n - f;
        if (m > n - f)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"multi-krum selects m = {m} updates but at most n - f = {n - f} may be averaged (n = {n}, f = {f})"));
        }

        var chosen = ranked[..m];
        var inOrder = chosen.Select(i => updates[i]).OrderBy(u => u.ClientId).ToArray();
        var delta = RobustMath.Mean(inOrder, length, weighted: true);
        return new AggregationResult(
            delta,
            MetricSet.Of(
                new Metric("agg.f", f),
                new Metric("agg.neighbours", n - f - 2),
                new Metric("agg.selected", m),
                new Metric("agg.excluded", n - m),
                new Metric("agg.score_min", scores[chosen[0]]),
                new Metric("agg.score_cutoff", scores[chosen[^1]])),
            RobustMath.ExcludedClients(updates, chosen));
    }
}
