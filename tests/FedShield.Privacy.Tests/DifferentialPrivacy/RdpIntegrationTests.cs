using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

/// <summary>
/// Each order's RDP against an independent computation: the defining integral
/// A_α = ∫ μ₀(z)·(μ(z)/μ₀(z))^α dz, μ₀ = N(0, σ²), μ = (1 − q)N(0, σ²) + qN(1, σ²), by the
/// trapezoidal rule in double precision (spectrally accurate for this smooth, fast-decaying
/// integrand), RDP(α) = ln A_α/(α − 1). To keep tiny RDP values accurate, the rule integrates
/// A_α − 1 = ∫ μ₀(z)·((1 + q(e^t − 1))^α − 1) dz, t = (2z − 1)/(2σ²), with compensated summation.
/// </summary>
public class RdpIntegrationTests
{
    /// <summary>eˣ − 1 without cancellation (Kahan's formulation).</summary>
    private static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) without cancellation (Goldberg's formulation).</summary>
    private static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>ln A_α by the trapezoidal rule over [−40σ, α + 40σ] with step σ/200.</summary>
    private static double LogANumerical(double q, double sigma, double alpha)
    {
        var h = sigma / 200;
        var lo = -40 * sigma;
        var n = (int)Math.Ceiling((alpha + (80 * sigma)) / h);
        var logNorm = -Math.Log(sigma * Math.Sqrt(2 * Math.PI));
        var logMu0 = new double[n + 1];
        var logRatio = new double[n + 1];
        var peak = double.NegativeInfinity;
        for (var i = 0; i <= n; i++)
        {
            var z = lo + (i * h);
            var t = ((2 * z) - 1) / (2 * sigma * sigma);
            logMu0[i] = logNorm - (z * z / (2 * sigma * sigma));

            // α·ln(μ/μ₀), the ratio written as 1 + q(e^t − 1); far right, where e^t overflows, as q·e^t·(1 + (1 − q)e^(−t)/q).
            logRatio[i] = t < 30 ? alpha * Log1P(q * ExpM1(t)) : alpha * (Math.Log(q) + t + Log1P((1 - q) * Math.Exp(-t) / q));
            peak = Math.Max(peak, logMu0[i] + logRatio[i]);
        }

        double sum = 0, compensation = 0;
        for (var i = 0; i <= n; i++)
        {
            // A huge A_α is summed scaled by its peak; a modest one as A_α − 1, which keeps tiny RDP values accurate.
            var term = peak > 30
                ? Math.Exp(logMu0[i] + logRatio[i] - peak)
                : logRatio[i] < 1 ? Math.Exp(logMu0[i]) * ExpM1(logRatio[i]) : Math.Exp(logMu0[i] + logRatio[i]) - Math.Exp(logMu0[i]);

            // Neumaier's compensated sum.
            var next = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }

        var total = (sum + compensation) * h;
        return peak > 30 ? peak + Math.Log(total) : Log1P(total);
    }

    [Theory]
    [InlineData(1e-3, 1.0, 2.0)]
    [InlineData(1e-4, 1.0, 1.5)]
    [InlineData(0.01, 10.0, 20.0)]
    [InlineData(0.1, 100.0, 20.5)]
    [InlineData(0.1, 2.0, 5.0)]
    [InlineData(0.01, 2.5, 2.5)]
    [InlineData(0.5, 1.0, 1.25)]
    [InlineData(0.01, 0.8, 7.5)]
    [InlineData(0.9, 1.5, 3.3)]
    [InlineData(0.05, 1.1, 64.0)]
    [InlineData(0.2, 4.0, 1.75)]
    [InlineData(1e-6, 1.0, 27.0)]
    [InlineData(0.01, 2.5, 1.5)]
    public void Rdp_MatchesNumericalIntegration(double q, double sigma, double alpha)
    {
        var expected = LogANumerical(q, sigma, alpha) / (alpha - 1);
        var actual = RdpAccountant.SampledGaussianRdp(q, sigma, alpha);
        Assert.True(Math.Abs(actual - expected) <= (1e-7 * expected) + 1e-15, $"q={q} σ={sigma} α={alpha}: series {actual:R}, integral {expected:R}");
    }
}
