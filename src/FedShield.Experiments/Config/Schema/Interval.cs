using System.Globalization;

namespace FedShield.Experiments.Config.Schema;

/// <summary>The allowed range of a numeric key: an optional lower and upper bound, each open or closed.</summary>
internal sealed record Interval(double? Min, bool MinInclusive, double? Max, bool MaxInclusive)
{
    /// <summary>[min, ∞).</summary>
    public static Interval AtLeast(double min) => new(min, true, null, false);

    /// <summary>(min, ∞).</summary>
    public static Interval Above(double min) => new(min, false, null, false);

    /// <summary>(0, ∞).</summary>
    public static Interval Positive { get; } = Above(0);

    /// <summary>[0, ∞).</summary>
    public static Interval NonNegative { get; } = AtLeast(0);

    /// <summary>(0, 1].</summary>
    public static Interval Fraction { get; } = new(0, false, 1, true);

    /// <summary>[0, 1).</summary>
    public static Interval UnitHalfOpen { get; } = new(0, true, 1, false);

    /// <summary>[0, 1].</summary>
    public static Interval Unit { get; } = new(0, true, 1, true);

    public bool Contains(double value)
    {
        if (double.IsNaN(value))
        {
            return false;
        }

        bool aboveMin = Min is not { } min || (MinInclusive ? value >= min : value > min);
        bool belowMax = Max is not { } max || (MaxInclusive ? value <= max : value < max);
        return aboveMin && belowMax;
    }

    /// <summary>"&gt;= 1", "&gt; 0", "in (0, 1]" ...</summary>
    public string Describe()
    {
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        return (Min, Max) switch
        {
            ({ } min, { } max) => $"in {(MinInclusive ? "[" : "(")}{F(min)}, {F(max)}{(MaxInclusive ? "]" : ")")}",
            ({ } min, null) => $"{(MinInclusive ? ">=" : ">")} {F(min)}",
            (null, { } max) => $"{(MaxInclusive ? "<=" : "<")} {F(max)}",
            _ => "",
        };
    }
}
