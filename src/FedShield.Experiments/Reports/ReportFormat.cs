using System.Globalization;

namespace FedShield.Experiments.Reports;

/// <summary>How reports and charts write numbers: invariant culture, fixed rules, "—" for missing values.</summary>
internal static class ReportFormat
{
    public const string Missing = "—";

    private static readonly string[] ByteUnits = ["B", "kB", "MB", "GB", "TB", "PB"];

    /// <summary>A fraction as a percentage with two decimals (0.8765 → "87.65%").</summary>
    public static string Percent(double? fraction) =>
        fraction is double f && double.IsFinite(f) ? string.Create(CultureInfo.InvariantCulture, $"{f * 100:F2}%") : Missing;

    /// <summary>A loss with four decimals.</summary>
    public static string Loss(double? loss) => loss is double l && !double.IsNaN(l)
        ? double.IsInfinity(l) ? (l > 0 ? "∞" : "-∞") : l.ToString("F4", CultureInfo.InvariantCulture)
        : Missing;

    /// <summary>A general number with up to six significant digits.</summary>
    public static string Number(double value) => double.IsNaN(value) ? Missing : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators.</summary>
    public static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Seconds with three decimals and a unit.</summary>
    public static string Seconds(double seconds) =>
        double.IsNaN(seconds) ? Missing : string.Create(CultureInfo.InvariantCulture, $"{seconds:F3} s");

    /// <summary>A byte count in SI units with two decimals ("12.35 MB"); bytes below 1000 as an integer.</summary>
    public static string Bytes(double bytes)
    {
        if (double.IsNaN(bytes))
        {
            return Missing;
        }

        int unit = 0;
        double scaled = bytes;
        while (Math.Abs(scaled) >= 1000 && unit < ByteUnits.Length - 1)
        {
            scaled /= 1000;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:F0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{scaled:F2} {ByteUnits[unit]}");
    }

    /// <summary>A duration: "12.34 s", "3 min 05 s" or "2 h 03 min 04 s".</summary>
    public static string Duration(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < 0)
        {
            return Missing;
        }

        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s");
        }

        long whole = (long)Math.Round(seconds);
        long hours = whole / 3600, minutes = whole / 60 % 60, rest = whole % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours} h {minutes:D2} min {rest:D2} s")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} min {rest:D2} s");
    }

    /// <summary>A timestamp as ISO 8601 in UTC, to the second.</summary>
    public static string Timestamp(DateTimeOffset? time) =>
        time is DateTimeOffset t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : Missing;

    /// <summary>
    /// Labels of axis ticks <paramref name="step"/> apart (or decades on a log axis) in <paramref name="format"/>.
    /// Bytes on a linear axis share one unit, chosen by the largest tick.
    /// </summary>
    public static IReadOnlyList<string> TickLabels(IReadOnlyList<double> ticks, double step, TickFormat format, bool log)
    {
        double largest = ticks.Count == 0 ? 0 : ticks.Max(Math.Abs);
        int sharedUnit = UnitOf(largest);
        var labels = new string[ticks.Count];
        for (int i = 0; i < ticks.Count; i++)
        {
            double value = ticks[i];
            int decimals = log ? Math.Max(0, -(int)Math.Floor(Math.Log10(value) + 1e-9)) : AxisScale.Decimals(step);
            labels[i] = format switch
            {
                TickFormat.Percent => Fixed(value * 100, Math.Max(0, decimals - 2)) + "%",
                TickFormat.Bytes when log => BytesTick(value, UnitOf(value), Math.Max(0, decimals - (3 * UnitOf(value)))),
                TickFormat.Bytes => BytesTick(value, sharedUnit, AxisScale.Decimals(step / Math.Pow(1000, sharedUnit))),
                _ => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            };
        }

        return labels;
    }

    private static int UnitOf(double bytes)
    {
        int unit = 0;
        double magnitude = Math.Abs(bytes);
        while (magnitude >= 1000 && unit < ByteUnits.Length - 1)
        {
            magnitude /= 1000;
            unit++;
        }

        return unit;
    }

    private static string BytesTick(double value, int unit, int decimals) =>
        Fixed(value / Math.Pow(1000, unit), decimals) + " " + ByteUnits[unit];

    private static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
