using System.Globalization;

namespace FedShield.Experiments.Output;

/// <summary>
/// One value of a <see cref="RoundRow"/>: a number, an integer, a string, an array of numbers, or nothing.
/// A NaN number and a null string or array are all stored as <see cref="RoundValueKind.Null"/>, so what is
/// written and read back compares equal.
/// </summary>
public readonly struct RoundValue : IEquatable<RoundValue>
{
    private readonly double _number;
    private readonly long _integer;
    private readonly object? _reference;

    private RoundValue(RoundValueKind kind, double number, long integer, object? reference)
    {
        Kind = kind;
        _number = number;
        _integer = integer;
        _reference = reference;
    }

    /// <summary>The value meaning "not measured".</summary>
    public static RoundValue Null => default;

    /// <summary>What this value holds.</summary>
    public RoundValueKind Kind { get; }

    /// <summary>True for <see cref="RoundValueKind.Null"/>.</summary>
    public bool IsNull => Kind == RoundValueKind.Null;

    /// <summary>A number; NaN gives <see cref="Null"/>. Infinities are kept.</summary>
    public static RoundValue FromNumber(double value) =>
        double.IsNaN(value) ? Null : new RoundValue(RoundValueKind.Number, value, 0, null);

    /// <summary>An integer.</summary>
    public static RoundValue FromInteger(long value) => new(RoundValueKind.Integral, 0, value, null);

    /// <summary>A string; null gives <see cref="Null"/>.</summary>
    public static RoundValue FromText(string? value) =>
        value is null ? Null : new RoundValue(RoundValueKind.Text, 0, 0, value);

    /// <summary>A copy of <paramref name="values"/> (elements may be NaN); null gives <see cref="Null"/>.</summary>
    public static RoundValue FromNumbers(IReadOnlyList<double>? values) =>
        values is null ? Null : new RoundValue(RoundValueKind.Numbers, 0, 0, values.ToArray());

    /// <summary>
    /// The value as a double: a number itself, an integer converted, NaN for <see cref="Null"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is a string or an array.</exception>
    public double AsNumber() => Kind switch
    {
        RoundValueKind.Null => double.NaN,
        RoundValueKind.Number => _number,
        RoundValueKind.Integral => _integer,
        _ => throw new InvalidOperationException($"Expected a number but the value is {Describe()}."),
    };

    /// <summary>The value as an integer: an integer itself, or a number with no fractional part.</summary>
    /// <exception cref="InvalidOperationException">The value is null, a string, an array or a non-integral number.</exception>
    public long AsInteger() => Kind switch
    {
        RoundValueKind.Integral => _integer,
        RoundValueKind.Number when double.IsFinite(_number) && Math.Floor(_number) == _number
            && Math.Abs(_number) < 9.2e18 => (long)_number,
        _ => throw new InvalidOperationException($"Expected an integer but the value is {Describe()}."),
    };

    /// <summary>The string, or null for <see cref="Null"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is a number or an array.</exception>
    public string? AsText() => Kind switch
    {
        RoundValueKind.Null => null,
        RoundValueKind.Text => (string)_reference!,
        _ => throw new InvalidOperationException($"Expected a string but the value is {Describe()}."),
    };

    /// <summary>The array (read-only view, elements may be NaN), or null for <see cref="Null"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is a number or a string.</exception>
    public IReadOnlyList<double>? AsNumbers() => Kind switch
    {
        RoundValueKind.Null => null,
        RoundValueKind.Numbers => (double[])_reference!,
        _ => throw new InvalidOperationException($"Expected an array of numbers but the value is {Describe()}."),
    };

    /// <inheritdoc />
    public bool Equals(RoundValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            RoundValueKind.Null => true,
            RoundValueKind.Number => _number.Equals(other._number),
            RoundValueKind.Integral => _integer == other._integer,
            RoundValueKind.Text => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            _ => ((double[])_reference!).AsSpan().SequenceEqual((double[])other._reference!),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RoundValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        RoundValueKind.Null => 0,
        RoundValueKind.Number => _number.GetHashCode(),
        RoundValueKind.Integral => _integer.GetHashCode(),
        RoundValueKind.Text => StringComparer.Ordinal.GetHashCode((string)_reference!),
        _ => ((double[])_reference!).Length,
    };

    /// <summary>True when both values have the same kind and content (NaN elements of arrays compare equal).</summary>
    public static bool operator ==(RoundValue left, RoundValue right) => left.Equals(right);

    /// <summary>Negation of <see cref="op_Equality"/>.</summary>
    public static bool operator !=(RoundValue left, RoundValue right) => !left.Equals(right);

    /// <summary>A short invariant-culture rendering for diagnostics.</summary>
    public override string ToString() => Describe();

    private string Describe() => Kind switch
    {
        RoundValueKind.Null => "null",
        RoundValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        RoundValueKind.Integral => _integer.ToString(CultureInfo.InvariantCulture),
        RoundValueKind.Text => "\"" + (string)_reference! + "\"",
        _ => "[" + string.Join(", ", ((double[])_reference!).Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]",
    };
}
