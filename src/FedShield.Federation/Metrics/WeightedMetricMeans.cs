namespace FedShield.Federation.Metrics;

/// <summary>Sample-weighted means of client-reported metrics, by name, in first-seen order.</summary>
public sealed class WeightedMetricMeans
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, (double Sum, double Weight)> _sums = new(StringComparer.Ordinal);

    /// <summary>Adds one client's metrics with weight <paramref name="weight"/> (non-finite values are skipped).</summary>
    public void Add(MetricSet metrics, double weight)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var m in metrics)
        {
            if (!double.IsFinite(m.Value))
            {
                continue;
            }

            if (!_sums.TryGetValue(m.Name, out var s))
            {
                _order.Add(m.Name);
            }

            _sums[m.Name] = (s.Sum + weight * m.Value, s.Weight + weight);
        }
    }

    /// <summary>The means.</summary>
    public MetricSet ToMetricSet() =>
        MetricSet.Of([.. _order.Select(n => new Metric(n, _sums[n].Sum / _sums[n].Weight))]);
}
