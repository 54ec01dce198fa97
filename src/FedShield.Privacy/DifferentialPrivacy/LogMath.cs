namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>Log-space arithmetic and the complementary error function for the privacy accountant.</summary>
internal static class LogMath
{
    private static readonly double LogSqrtPi = 0.5 * Math.Log(Math.PI);

    /// <summary>ln(eᵃ + eᵇ) without overflow; −∞ stands for 0.</summary>
    public static double Add(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var (hi, lo) = a >= b ? (a, b) : (b, a);
        return hi + Log1P(Math.Exp(lo - hi));
    }

    /// <summary>ln(1 + x), accurate for small |x| (x &gt; −1).</summary>
    public static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        // Goldberg's correction: the rounding of 1 + x cancels in log(u)·x/(u − 1).
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>
    /// ln erfc(x) for any finite x, with erfc(x) = (2/√π)∫ₓ^∞ e^(−t²) dt: the Taylor series of erf
    /// below 2 (relative error of erfc under about 10⁻¹³ there), the Laplace continued fraction
    /// (modified Lentz) from 2 up, where erfc underflows long before its logarithm does, and
    /// erfc(x) = 2 − erfc(−x) for negative x.
    /// </summary>
    public static double LogErfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return Math.Log(2.0 - Math.Exp(LogErfc(-x)));
        }

        return x < 2.0 ? Math.Log(1.0 - Erf(x)) : LogErfcContinuedFraction(x);
    }

    /// <summary>erf(x) by its Taylor series (2/√π) Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)), for |x| &lt; 2.</summary>
    private static double Erf(double x)
    {
        var x2 = x * x;
        var term = x; // (−1)ⁿ x^(2n+1) / n!
        var sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x2 / n;
            var add = term / ((2 * n) + 1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
            {
                break;
            }
        }

        return 2.0 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>
    /// ln erfc(x) for x ≥ 2 from erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))).
    /// </summary>
    private static double LogErfcContinuedFraction(double x)
    {
        const double Tiny = 1e-300;

        // f = x + a₁/(x + a₂/(x + …)) with aₖ = k/2, evaluated by the modified Lentz method.
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            var a = k * 0.5;
            d = x + (a * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = x + (a / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16)
            {
                break;
            }
        }

        return (-x * x) - LogSqrtPi - Math.Log(f);
    }
}
