namespace FedShield.Experiments.Reports;

/// <summary>
/// The range and ticks of one chart axis. Linear ticks are "nice" steps (1, 2 or 5 times a power of ten,
/// after Heckbert, Graphics Gems, 1990); logarithmic ticks are powers of ten, plus 2 and 5 times them when the
/// range spans at most two decades.
/// </summary>
internal sealed record AxisScale(double Min, double Max, IReadOnlyList<double> Ticks, double Step, bool Log)
{
    /// <summary>
    /// A linear axis over [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="targetTicks"/>
    /// ticks; <paramref name="extend"/> widens the range out to the ticks around it, <paramref name="integer"/>
    /// keeps ticks on whole numbers.
    /// </summary>
    public static AxisScale Linear(double min, double max, int targetTicks, bool extend, bool integer)
    {
        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max == min)
        {
            double pad = integer || min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / Math.Max(1, targetTicks - 1), round: true);
        if (integer)
        {
            step = Math.Max(1, Math.Round(step));
        }

        int decimals = Decimals(step);
        if (extend)
        {
            min = Math.Floor(min / step) * step;
            max = Math.Ceiling(max / step) * step;
        }

        var ticks = new List<double>();
        double first = Math.Ceiling((min / step) - 1e-9);
        double last = Math.Floor((max / step) + 1e-9);
        for (double k = first; k <= last; k++)
        {
            ticks.Add(Math.Round(k * step, decimals) + 0.0); // + 0.0 turns -0 into 0
        }

        return new AxisScale(min, max, ticks, step, Log: false);
    }

    /// <summary>A base-10 logarithmic axis covering [<paramref name="min"/>, <paramref name="max"/>], both positive.</summary>
    public static AxisScale Logarithmic(double min, double max)
    {
        int low = (int)Math.Floor(Math.Log10(min));
        int high = (int)Math.Ceiling(Math.Log10(max));
        if (high <= low)
        {
            high = low + 1;
        }

        var ticks = new List<double>();
        for (int e = low; e <= high; e++)
        {
            double decade = Math.Pow(10, e);
            ticks.Add(decade);
            if (high - low <= 2 && e < high)
            {
                ticks.Add(2 * decade);
                ticks.Add(5 * decade);
            }
        }

        return new AxisScale(Math.Pow(10, low), Math.Pow(10, high), ticks, 10, Log: true);
    }

    /// <summary>The pixel position of <paramref name="value"/> between <paramref name="from"/> (at Min) and <paramref name="to"/> (at Max).</summary>
    public double Map(double value, double from, double to)
    {
        double t = Log
            ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (value - Min) / (Max - Min);
        return from + (t * (to - from));
    }

    /// <summary>Decimals needed to write multiples of <paramref name="step"/> exactly (0 for steps of 1 or more).</summary>
    public static int Decimals(double step) =>
        step <= 0 || !double.IsFinite(step) ? 0 : Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 12);

    // The nice number (1, 2, 5 or 10 times a power of ten) closest to (round) or at least (ceiling) x.
    private static double NiceNumber(double x, bool round)
    {
        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double fraction = x / power;
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
