namespace FedShield.Federation.State;

/// <summary>
/// Named state for checkpoints: float arrays (weights, optimizer moments) and scalars, with no
/// knowledge of the file format. Components export into a bag and import from one; the experiment
/// layer writes bags to disk atomically.
/// </summary>
public sealed class StateBag
{
    private readonly SortedDictionary<string, float[]> _arrays = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The arrays by name, in ordinal name order.</summary>
    public IReadOnlyDictionary<string, float[]> Arrays => _arrays;

    /// <summary>The scalar values (as invariant-culture text) by name, in ordinal name order.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Stores a copy of <paramref name="values"/> under <paramref name="name"/>.</summary>
    public void SetArray(string name, ReadOnlySpan<float> values) => _arrays[Check(name)] = values.ToArray();

    /// <summary>Stores a scalar.</summary>
    public void SetValue(string name, string value) => _values[Check(name)] = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Stores an integer scalar.</summary>
    public void SetValue(string name, long value) => SetValue(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Stores a floating-point scalar exactly (round-trip format).</summary>
    public void SetValue(string name, double value) => SetValue(name, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The array stored under <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing is stored under that name.</exception>
    public float[] GetArray(string name) =>
        _arrays.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException($"checkpoint state has no array '{name}'");

    /// <summary>The array stored under <paramref name="name"/>, if any.</summary>
    public bool TryGetArray(string name, out float[] values) => _arrays.TryGetValue(name, out values!);

    /// <summary>The scalar stored under <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing is stored under that name.</exception>
    public string GetValue(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"checkpoint state has no value '{name}'");

    /// <summary>The integer scalar stored under <paramref name="name"/>.</summary>
    public long GetInt64(string name) => long.Parse(GetValue(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The floating-point scalar stored under <paramref name="name"/>.</summary>
    public double GetDouble(string name) => double.Parse(GetValue(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Copies every entry of <paramref name="other"/> into this bag under <paramref name="prefix"/>.</summary>
    public void Merge(string prefix, StateBag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (k, v) in other._arrays)
        {
            _arrays[prefix + k] = v;
        }

        foreach (var (k, v) in other._values)
        {
            _values[prefix + k] = v;
        }
    }

    /// <summary>The entries whose names start with <paramref name="prefix"/>, with the prefix removed.</summary>
    public StateBag Extract(string prefix)
    {
        var bag = new StateBag();
        foreach (var (k, v) in _arrays.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            bag._arrays[k[prefix.Length..]] = v;
        }

        foreach (var (k, v) in _values.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            bag._values[k[prefix.Length..]] = v;
        }

        return bag;
    }

    private static string Check(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("state names must not be empty", nameof(name)) : name;
}
