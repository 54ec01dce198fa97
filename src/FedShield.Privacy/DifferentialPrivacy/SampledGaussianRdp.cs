namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// The Rényi DP of one step of the sampled Gaussian mechanism (Mironov, Talwar and Zhang, "Rényi
/// Differential Privacy of the Sampled Gaussian Mechanism", 2019): with Poisson sampling rate q and
/// noise multiplier σ (noise standard deviation over L2 sensitivity), RDP(α) = ln(A_α)/(α − 1) with
/// A_α = E_{z∼μ₀}[(μ(z)/μ₀(z))^α], μ₀ = N(0, σ²), μ = (1 − q)·N(0, σ²) + q·N(1, σ²).
/// </summary>
internal static class SampledGaussianRdp
{
    /// <summary>Past this many series terms the remaining tail is below 10⁻¹¹ of the sum (terms decay as k^(−α−2)).</summary>
    private const int MaxTerms = 1_000_000;

    /// <summary>Stop a series once its terms fall below e^(−40) of the running sum.</summary>
    private const double RelativeCutoff = -40.0;

    /// <summary>RDP(α) of one step; +∞ when σ = 0 and q &gt; 0.</summary>
    public static double Compute(double q, double sigma, double alpha)
    {
        if (q == 0)
        {
            return 0;
        }

        if (sigma == 0)
        {
            return double.PositiveInfinity;
        }

        if (q == 1)
        {
            // The Gaussian mechanism itself (Mironov 2017, Proposition 7).
            return alpha / (2 * sigma * sigma);
        }

        var logA = alpha == Math.Floor(alpha) && alpha <= int.MaxValue
            ? LogAIntegerOrder(q, sigma, (int)alpha)
            : LogAFractionalOrder(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    /// <summary>
    /// ln A_α for an integer α by the binomial expansion of ((1 − q) + q·e^((2z−1)/(2σ²)))^α:
    /// A_α = Σ_{k=0}^{α} C(α, k) (1 − q)^(α−k) q^k e^((k² − k)/(2σ²)), summed in log space.
    /// </summary>
    internal static double LogAIntegerOrder(double q, double sigma, int alpha)
    {
        var logQ = Math.Log(q);
        var log1MinusQ = LogMath.Log1P(-q);
        var twoSigma2 = 2 * sigma * sigma;
        var logA = double.NegativeInfinity;
        var logBinomial = 0.0;
        for (var k = 0; k <= alpha; k++)
        {
            if (k > 0)
            {
                logBinomial += Math.Log(alpha - k + 1) - Math.Log(k);
            }

            var term = logBinomial + ((alpha - k) * log1MinusQ) + (k * logQ) + (((double)k * k - k) / twoSigma2);
            logA = LogMath.Add(logA, term);
        }

        return logA;
    }

    /// <summary>
    /// ln A_α for a fractional α by the two series of Mironov, Talwar and Zhang (Section 3.3): split
    /// the integral at z₀ = σ² ln(1/q − 1) + 1/2, where both mixture components weigh the same, and
    /// expand the binomial around the larger one on each side, with generalised binomial
    /// coefficients C(α, k) whose sign alternates once k &gt; α:
    /// A_α = Σ_k C(α,k) (1−q)^(α−k) q^k e^((k²−k)/(2σ²)) · ½erfc((k − z₀)/(√2σ))
    ///     + Σ_k C(α,k) (1−q)^k q^(α−k) e^(((α−k)²−(α−k))/(2σ²)) · ½erfc((z₀ − (α−k))/(√2σ)).
    /// </summary>
    internal static double LogAFractionalOrder(double q, double sigma, double alpha)
    {
        var logQ = Math.Log(q);
        var log1MinusQ = LogMath.Log1P(-q);
        var twoSigma2 = 2 * sigma * sigma;
        var sqrt2Sigma = Math.Sqrt(2) * sigma;
        var z0 = (sigma * sigma * (log1MinusQ - logQ)) + 0.5;
        var logHalf = Math.Log(0.5);

        // Positive and negative parts of the sum, each in log space.
        var logPositive = double.NegativeInfinity;
        var logNegative = double.NegativeInfinity;
        var logAbsBinomial = 0.0;
        var negative = false;
        for (var k = 0; k < MaxTerms; k++)
        {
            if (k > 0)
            {
                var factor = alpha - k + 1;
                logAbsBinomial += Math.Log(Math.Abs(factor)) - Math.Log(k);
                if (factor < 0)
                {
                    negative = !negative;
                }
            }

            double j = alpha - k;
            var s0 = logAbsBinomial + (k * logQ) + (j * log1MinusQ) + (((double)k * k - k) / twoSigma2)
                + logHalf + LogMath.LogErfc((k - z0) / sqrt2Sigma);
            var s1 = logAbsBinomial + (j * logQ) + (k * log1MinusQ) + (((j * j) - j) / twoSigma2)
                + logHalf + LogMath.LogErfc((z0 - j) / sqrt2Sigma);
            var term = LogMath.Add(s0, s1);
            if (negative)
            {
                logNegative = LogMath.Add(logNegative, term);
            }
            else
            {
                logPositive = LogMath.Add(logPositive, term);
            }

            if (k > alpha + 1 && term < logPositive + RelativeCutoff)
            {
                break;
            }
        }

        return logPositive + LogMath.Log1P(-Math.Exp(logNegative - logPositive));
    }
}
