namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Calibration of the classic Gaussian mechanism M(D) = f(D) + N(0, σ²·I) (Dwork and Roth, "The
/// Algorithmic Foundations of Differential Privacy", 2014, Theorem A.1; the NISS paper's Theorem 1
/// and Corollary 1): for ε ∈ (0, 1), c² &gt; 2 ln(1.25/δ) and σ ≥ c·Δf/ε, M is (ε, δ)-differentially
/// private, where Δf = max ‖f(D) − f(D′)‖₂ over adjacent datasets is the L2 sensitivity of f.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="NoiseStd"/> returns the infimum σ = c·Δf/ε with c = √(2 ln(1.25/δ)). The theorem
/// holds for every larger σ, and each probability in the definition of (ε, δ)-DP is continuous in
/// σ, so it holds at the infimum too.
/// </para>
/// <para>
/// The classic proof assumes ε &lt; 1. The NISS paper (and its DP-FedAvg baseline) applies the same
/// formula with ε ∈ {5, 10, 15}; the calibration is computed for any ε &gt; 0 so that those settings
/// can be reproduced, but for ε ≥ 1 it is a heuristic, not a proven guarantee (the analytic Gaussian
/// mechanism of Balle and Wang, ICML 2018, gives the exact σ there). For training over many rounds,
/// account the composition with <see cref="RdpAccountant"/> instead of calibrating each round alone.
/// </para>
/// </remarks>
public static class GaussianMechanism
{
    /// <summary>The constant c = √(2 ln(1.25/δ)) of the classic Gaussian mechanism.</summary>
    /// <param name="delta">δ, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">δ is not in (0, 1).</exception>
    public static double CalibrationConstant(double delta)
    {
        CheckDelta(delta);
        return Math.Sqrt(2 * Math.Log(1.25 / delta));
    }

    /// <summary>
    /// The noise standard deviation σ = c·Δf/ε (c = √(2 ln(1.25/δ))) that makes the Gaussian
    /// mechanism (ε, δ)-DP for a function of L2 sensitivity Δf; with <paramref name="exposures"/>
    /// L &gt; 1, σ = c·L·Δf/ε, the bound of Wei et al. (IEEE TIFS 2020, Theorem 1) for a client whose
    /// parameters are released L times (simple composition).
    /// </summary>
    /// <param name="epsilon">ε &gt; 0 (see the remarks on ε ≥ 1).</param>
    /// <param name="delta">δ, in (0, 1).</param>
    /// <param name="sensitivity">Δf &gt; 0, in the units of the released vector.</param>
    /// <param name="exposures">L ≥ 1, the number of releases the budget covers.</param>
    /// <returns>σ, in the units of the released vector.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range; the message says which.</exception>
    public static double NoiseStd(double epsilon, double delta, double sensitivity, int exposures = 1)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "the privacy budget epsilon must be positive and finite");
        }

        if (!(sensitivity > 0) || double.IsInfinity(sensitivity))
        {
            throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "the L2 sensitivity must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(exposures, 1);
        return CalibrationConstant(delta) * exposures * sensitivity / epsilon;
    }

    /// <summary>
    /// The L2 sensitivity of a client's locally trained parameters, Δs = 2C/|D_k|: local training of
    /// a model whose parameters are clipped to ‖w‖₂ ≤ C on a dataset D_k, where D_k and its neighbour
    /// D′_k differ in one sample (Wei et al., "Federated Learning with Differential Privacy:
    /// Algorithms and Performance Analysis", IEEE TIFS 2020, the uplink sensitivity of its NbAFL
    /// scheme; the NISS paper's reference [14], where it sends the reader for its clipping with
    /// threshold ζ = 3). The NISS paper itself keeps Δf_k symbolic.
    /// </summary>
    /// <param name="clipNorm">C (the paper's ζ), the L2 bound on the clipped parameters; positive and finite.</param>
    /// <param name="datasetSize">|D_k|, the client's number of training samples (≥ 1). Over many clients, use the smallest |D_k|.</param>
    /// <returns>Δs = 2C/|D_k|.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is not positive and finite, or |D_k| is below 1.</exception>
    public static double LocalTrainingSensitivity(double clipNorm, long datasetSize)
    {
        if (!(clipNorm > 0) || double.IsInfinity(clipNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(clipNorm), clipNorm, "the clipping norm must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(datasetSize, 1);
        return 2 * clipNorm / datasetSize;
    }

    private static void CheckDelta(double delta)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1)");
        }
    }
}
