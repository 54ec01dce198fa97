using FedShield.Federation.Metrics;

namespace FedShield.Federation.Strategies;

/// <summary>What an aggregator produced from a round's updates.</summary>
/// <param name="Delta">The aggregated delta (the server optimizer's pseudo-gradient, negated).</param>
/// <param name="Metrics">What the aggregator did (clients selected or down-weighted, norms, ...).</param>
/// <param name="ExcludedClients">Clients whose update was left out entirely (empty for averaging).</param>
public sealed record AggregationResult(float[] Delta, MetricSet Metrics, IReadOnlyList<int> ExcludedClients)
{
    /// <summary>A result with no metrics and no exclusions.</summary>
    public static AggregationResult Of(float[] delta) => new(delta, MetricSet.Empty, []);
}
