namespace FedShield.Experiments.Output;

/// <summary>
/// One round's values as an ordered list of named fields. Setting a field that exists replaces its value in
/// place; a new field goes to the end. The fixed fields are named in <see cref="RoundFields"/>; build a row
/// holding all of them with <see cref="RoundResult.ToRow"/> and add mechanism fields with the setters.
/// </summary>
/// <remarks>Not thread-safe. Field names are compared ordinally.</remarks>
public sealed class RoundRow
{
    private readonly List<RoundField> _fields = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>The fields in order.</summary>
    public IReadOnlyList<RoundField> Fields => _fields;

    /// <summary>Number of fields.</summary>
    public int Count => _fields.Count;

    /// <summary>
    /// The value of <see cref="RoundFields.Round"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The row has no integer <c>round</c> field.</exception>
    public int Round
    {
        get
        {
            if (!_index.TryGetValue(RoundFields.Round, out int at))
            {
                throw new InvalidOperationException("The row has no 'round' field.");
            }

            long round = _fields[at].Value.AsInteger();
            return round is >= 0 and <= int.MaxValue
                ? (int)round
                : throw new InvalidOperationException($"The row's 'round' is {round}; expected a non-negative 32-bit integer.");
        }
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/> (replacing, or appending a new field).</summary>
    /// <returns>This row, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains whitespace or control characters.</exception>
    public RoundRow Set(string name, RoundValue value)
    {
        ValidateName(name);
        if (_index.TryGetValue(name, out int at))
        {
            _fields[at] = new RoundField(name, value);
        }
        else
        {
            _index.Add(name, _fields.Count);
            _fields.Add(new RoundField(name, value));
        }

        return this;
    }

    /// <summary>Sets a number (NaN = not measured, stored as null).</summary>
    /// <returns>This row, for chaining.</returns>
    public RoundRow SetNumber(string name, double value) => Set(name, RoundValue.FromNumber(value));

    /// <summary>Sets an integer.</summary>
    /// <returns>This row, for chaining.</returns>
    public RoundRow SetInteger(string name, long value) => Set(name, RoundValue.FromInteger(value));

    /// <summary>Sets a string (null = not applicable).</summary>
    /// <returns>This row, for chaining.</returns>
    public RoundRow SetText(string name, string? value) => Set(name, RoundValue.FromText(value));

    /// <summary>Sets an array of numbers (copied; null = not measured).</summary>
    /// <returns>This row, for chaining.</returns>
    public RoundRow SetNumbers(string name, IReadOnlyList<double>? values) => Set(name, RoundValue.FromNumbers(values));

    /// <summary>True when the row has a field named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The value of <paramref name="name"/>, or <see cref="RoundValue.Null"/> when the row has no such field.</summary>
    public RoundValue Get(string name) => _index.TryGetValue(name, out int at) ? _fields[at].Value : RoundValue.Null;

    /// <summary>
    /// The field as a double: NaN when absent or null; an integer is converted; a string or array gives NaN
    /// too, so readers of hand-edited files degrade to "not measured" rather than fail.
    /// </summary>
    public double GetNumber(string name)
    {
        var value = Get(name);
        return value.Kind is RoundValueKind.Number or RoundValueKind.Integral ? value.AsNumber() : double.NaN;
    }

    /// <summary>The field as an integer, or <paramref name="missing"/> when absent, null or not integral.</summary>
    public long GetInteger(string name, long missing = 0)
    {
        var value = Get(name);
        return value.Kind switch
        {
            RoundValueKind.Integral => value.AsInteger(),
            RoundValueKind.Number when double.IsFinite(value.AsNumber()) && Math.Floor(value.AsNumber()) == value.AsNumber() => value.AsInteger(),
            _ => missing,
        };
    }

    /// <summary>The field as a string, or null when absent, null or not a string.</summary>
    public string? GetText(string name)
    {
        var value = Get(name);
        return value.Kind == RoundValueKind.Text ? value.AsText() : null;
    }

    /// <summary>The field as an array of numbers, or null when absent, null or not an array.</summary>
    public IReadOnlyList<double>? GetNumbers(string name)
    {
        var value = Get(name);
        return value.Kind == RoundValueKind.Numbers ? value.AsNumbers() : null;
    }

    /// <summary>True when both rows have the same fields in the same order with equal values.</summary>
    public bool ContentEquals(RoundRow? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (int i = 0; i < _fields.Count; i++)
        {
            if (!string.Equals(_fields[i].Name, other._fields[i].Name, StringComparison.Ordinal) || _fields[i].Value != other._fields[i].Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy of this row (values are immutable, so the copy shares them).</summary>
    public RoundRow Clone()
    {
        var copy = new RoundRow();
        foreach (var field in _fields)
        {
            copy.Set(field.Name, field.Value);
        }

        return copy;
    }

    /// <summary>The row as one JSON object (the line format of <c>metrics.jsonl</c>).</summary>
    public override string ToString() => RoundRowJson.Write(this);

    /// <summary>Throws unless <paramref name="name"/> is a usable field name.</summary>
    /// <exception cref="ArgumentException">Empty, or contains whitespace or control characters.</exception>
    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"Field name '{name}' is invalid: expected a non-empty name without whitespace or control characters.", nameof(name));
        }
    }
}
