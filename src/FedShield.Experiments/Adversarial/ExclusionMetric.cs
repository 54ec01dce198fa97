using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Adversarial;

/// <summary>
/// Per round, whether the aggregator left out the malicious clients it was sent:
/// <c>attack.malicious_selected</c> (malicious clients among the selected), <c>attack.malicious_excluded</c>,
/// <c>attack.honest_excluded</c>, and <c>attack.excluded.c{id}</c> (1 or 0) for every selected malicious client.
/// </summary>
public sealed class ExclusionMetric : IRoundMetric
{
    /// <summary>The metric name prefix.</summary>
    public const string Prefix = "attack.";

    private readonly HashSet<int> _malicious;

    /// <summary>Tracks <paramref name="malicious"/>.</summary>
    public ExclusionMetric(IEnumerable<int> malicious) => _malicious = [.. malicious];

    /// <inheritdoc />
    public MetricSet Measure(RoundContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var excluded = new HashSet<int>(context.Aggregation?.ExcludedClients ?? []);
        var metrics = new List<Metric>();
        int selected = 0, maliciousExcluded = 0;
        foreach (var id in context.Selected.Where(_malicious.Contains).Order())
        {
            selected++;
            bool left = excluded.Contains(id);
            maliciousExcluded += left ? 1 : 0;
            metrics.Add(new Metric($"{Prefix}excluded.c{id}", left ? 1 : 0));
        }

        int honestExcluded = excluded.Count(id => !_malicious.Contains(id));
        metrics.InsertRange(0,
        [
            new Metric(Prefix + "malicious_selected", selected),
            new Metric(Prefix + "malicious_excluded", maliciousExcluded),
            new Metric(Prefix + "honest_excluded", honestExcluded),
        ]);
        return MetricSet.Of([.. metrics]);
    }
}
