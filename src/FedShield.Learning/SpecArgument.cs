using System.Globalization;

namespace FedShield.Learning;

/// <summary>
/// One <c>key=value</c> argument of a model or optimizer spec such as <c>mlp(hidden=[128,64])</c>:
/// the value is either one atom (<c>0.01</c>, <c>true</c>) or a bracketed list of atoms.
/// </summary>
public sealed class SpecArgument
{
    private readonly string[]? _items;

    /// <summary>Creates an argument holding one atom.</summary>
    /// <exception cref="ArgumentException">The key or the value is empty.</exception>
    public SpecArgument(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Key = key;
        Text = value;
    }

    /// <summary>Creates an argument holding a list of atoms (possibly empty).</summary>
    /// <exception cref="ArgumentException">The key or an item is empty.</exception>
    public SpecArgument(string key, IReadOnlyList<string> items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(item, nameof(items));
        }

        Key = key;
        _items = [.. items];
        Text = "[" + string.Join(",", _items) + "]";
    }

    /// <summary>The parameter name, as written.</summary>
    public string Key { get; }

    /// <summary>The value as written in canonical form: the atom, or <c>[a,b,…]</c> for a list.</summary>
    public string Text { get; }

    /// <summary>Whether the value is a bracketed list.</summary>
    public bool IsList => _items is not null;

    /// <summary>The items of a list value, or null for an atom.</summary>
    public IReadOnlyList<string>? Items => _items;

    /// <summary>The value as an integer in [<paramref name="min"/>, int.MaxValue].</summary>
    /// <exception cref="ArgumentException">The value is a list, not an integer, or below the minimum; the message names <paramref name="owner"/> and the key.</exception>
    public int AsInt32(string owner, int min)
    {
        if (_items is null && int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min)
        {
            return value;
        }

        throw Bad(owner, $"an integer ≥ {min}");
    }

    /// <summary>The value as a finite number.</summary>
    /// <exception cref="ArgumentException">The value is a list or not a finite number.</exception>
    public double AsDouble(string owner)
    {
        if (_items is null && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        throw Bad(owner, "a finite number such as 0.01 or 1e-4");
    }

    /// <summary>The value as <c>true</c> or <c>false</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The value is anything else.</exception>
    public bool AsBoolean(string owner)
    {
        if (_items is null && bool.TryParse(Text, out bool value))
        {
            return value;
        }

        throw Bad(owner, "true or false");
    }

    /// <summary>The value as a list of integers, each ≥ <paramref name="min"/>; an atom counts as a one-item list.</summary>
    /// <exception cref="ArgumentException">An item is not an integer or is below the minimum.</exception>
    public int[] AsInt32List(string owner, int min)
    {
        string[] items = _items ?? [Text];
        var values = new int[items.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]) || values[i] < min)
            {
                throw Bad(owner, $"a list of integers ≥ {min} such as [128,64]");
            }
        }

        return values;
    }

    /// <summary>An error saying that this argument's value is not <paramref name="expected"/>.</summary>
    public ArgumentException Bad(string owner, string expected) =>
        new($"{owner}: parameter '{Key}' must be {expected}; got '{Text}'.");

    /// <summary>The argument as <c>key=value</c>.</summary>
    public override string ToString() => Key + "=" + Text;
}
