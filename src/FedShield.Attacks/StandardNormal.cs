namespace FedShield.Attacks;

/// <summary>The standard normal distribution's CDF Φ and its inverse, to about 1e-14 relative error.</summary>
internal static class StandardNormal
{
    private const double LogSqrtTwoPi = 0.91893853320467274178;

    // Acklam's rational approximation of Φ⁻¹ (relative error below 1.15e-9 before refinement):
    // a/b for the central region |p − ½| ≤ ½ − PLow, c/d for the tails.
    private const double PLow = 0.02425;
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    /// <summary>Φ(x), the probability that a standard normal variable is at most <paramref name="x"/>.</summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 2.5)
        {
            return 1 - Cdf(-x);
        }

        if (x <= -2.5)
        {
            // Laplace's continued fraction for the tail, Φ(x) = φ(x) / (t + 1/(t + 2/(t + 3/(t + …)))),
            // t = −x: 80 levels reach double precision for t ≥ 2.5, and it keeps relative accuracy deep in
            // the tail where 1 − Φ(t) would cancel.
            double t = -x;
            double f = t;
            for (int k = 80; k >= 1; k--)
            {
                f = t + (k / f);
            }

            return Math.Exp((-0.5 * x * x) - LogSqrtTwoPi) / f;
        }

        // Marsaglia's series Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …), summed until it stops changing.
        double sum = x;
        double previous = 0;
        double term = x;
        double square = x * x;
        for (int i = 3; sum != previous; i += 2)
        {
            previous = sum;
            term *= square / i;
            sum = previous + term;
        }

        return 0.5 + (sum * Math.Exp((-0.5 * square) - LogSqrtTwoPi));
    }

    /// <summary>
    /// Φ⁻¹(p), the standard normal quantile: Acklam's rational approximation refined by one Halley
    /// step on Φ(x) − p. Φ⁻¹(0) = −∞ and Φ⁻¹(1) = +∞.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not a number in [0, 1].</exception>
    public static double InverseCdf(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"a probability must lie in [0, 1]; got {p}");
        }

        // 1 − p is exact for p ≥ ½, and the lower half keeps Φ's relative accuracy in the refinement.
        return p > 0.5 ? -LowerHalf(1 - p) : LowerHalf(p);
    }

    private static double LowerHalf(double p)
    {
        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        double x;
        if (p < PLow)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = Horner(C, q) / ((Horner(D, q) * q) + 1);
        }
        else
        {
            double q = p - 0.5;
            double r = q * q;
            x = Horner(A, r) * q / ((Horner(B, r) * r) + 1);
        }

        double e = Cdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);

        // Deep in the subnormal tail φ(x) underflows and the step is meaningless; the approximation stands.
        return double.IsFinite(u) ? x - (u / (1 + (x * u / 2))) : x;
    }

    // c[0]·xⁿ⁻¹ + c[1]·xⁿ⁻² + … + c[n−1].
    private static double Horner(double[] coefficients, double x)
    {
        double value = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++)
        {
            value = (value * x) + coefficients[i];
        }

        return value;
    }
}
