using System.Collections;

namespace FedShield.Federation.Metrics;

/// <summary>
/// An immutable, ordered set of named values with unique names. Metrics are how every mechanism adds
/// what it measured to a round without the round loop knowing about it.
/// </summary>
public sealed class MetricSet : IReadOnlyList<Metric>
{
    private readonly Metric[] _items;

    private MetricSet(Metric[] items) => _items = items;

    /// <summary>The set with no metrics.</summary>
    public static MetricSet Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public Metric this[int index] => _items[index];

    /// <summary>Creates a set from name/value pairs.</summary>
    /// <exception cref="ArgumentException">A name is empty or appears twice.</exception>
    public static MetricSet Of(params ReadOnlySpan<Metric> metrics)
    {
        var items = metrics.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in items)
        {
            if (string.IsNullOrWhiteSpace(m.Name))
            {
                throw new ArgumentException("metric names must not be empty", nameof(metrics));
            }

            if (!seen.Add(m.Name))
            {
                throw new ArgumentException($"metric '{m.Name}' appears twice", nameof(metrics));
            }
        }

        return items.Length == 0 ? Empty : new MetricSet(items);
    }

    /// <summary>The value of <paramref name="name"/>, if present.</summary>
    public bool TryGet(string name, out double value)
    {
        foreach (var m in _items)
        {
            if (string.Equals(m.Name, name, StringComparison.Ordinal))
            {
                value = m.Value;
                return true;
            }
        }

        value = double.NaN;
        return false;
    }

    /// <summary>The value of <paramref name="name"/>, or NaN when absent.</summary>
    public double GetOrNaN(string name) => TryGet(name, out var v) ? v : double.NaN;

    /// <summary>This set followed by <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">A name appears in both.</exception>
    public MetricSet Concat(MetricSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Count == 0 ? this : Count == 0 ? other : Of([.. _items, .. other._items]);
    }

    /// <summary>Every name prefixed, e.g. "aggregator." + name.</summary>
    public MetricSet WithPrefix(string prefix) => Of([.. _items.Select(m => new Metric(prefix + m.Name, m.Value))]);

    /// <inheritdoc/>
    public IEnumerator<Metric> GetEnumerator() => ((IEnumerable<Metric>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _items.Select(m => $"{m.Name}={m.Value:G6}"));
}
