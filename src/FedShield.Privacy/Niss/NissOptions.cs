namespace FedShield.Privacy.Niss;

/// <summary>
/// Settings of NISS (Yang et al., "Gain Without Pain: Offsetting DP-Injected Noises Stealthily in
/// Cross-Device Federated Learning", IEEE IoT Journal 2022, Algorithm 2). One record serves both
/// sides: the server uses <see cref="NeighbourCount"/> and <see cref="MaxShares"/>, each client the
/// rest (its privacy budget, clipping and distortion τ_k).
/// </summary>
public sealed record NissOptions
{
    /// <summary>Creates validated options.</summary>
    /// <param name="unitVariance">σ², the variance of one noise share (the paper's unit noise; 0.01 in its experiments). Positive and finite.</param>
    /// <param name="epsilon">ε of each client's (ε, δ) budget per round; positive and finite (the paper uses 5, 10, 15).</param>
    /// <param name="delta">δ of each client's budget, in (0, 1) (the paper uses 1e-4).</param>
    /// <param name="clipNorm">C, the L2 bound each client clips its delta to (the paper's ζ = 3); positive and finite.</param>
    /// <param name="tau">
    /// τ_k, the standard deviation of the multiplier s ~ N(1, τ²) applied to each received share:
    /// 0 offsets the noise perfectly, 1 leaves DP-FedAvg's noise. Null means the least τ that
    /// Theorem 3 allows for <paramref name="collusionFraction"/> (0 when that is null too).
    /// </param>
    /// <param name="collusionFraction">
    /// ρ, the fraction of other clients assumed to collude with the server, in [0, 1]; when given, τ
    /// must be at least <see cref="MinimumTau"/>(ρ) = √max(2ρ − 1, 0). Null when no assumption is made.
    /// </param>
    /// <param name="neighbourCount">
    /// How many distinct live neighbours the tracker gives each client; its shares are dealt to them in
    /// turn. Null gives every other live client (in random order), so that v ≤ n − 1 shares go to v
    /// distinct clients, as in the paper. At least 1 when given.
    /// </param>
    /// <param name="noiseStd">
    /// σ_k given directly, in the units of the upload p_k·Δ_k (the aggregate's units), instead of the
    /// Gaussian mechanism's; 0 adds no noise. Non-negative and finite when given.
    /// </param>
    /// <param name="sensitivity">How Δf_k is bounded when σ_k comes from the Gaussian mechanism.</param>
    /// <param name="maxShares">The most shares a client creates, or accepts from one sender, in a round (a guard against a σ_k/σ ratio that would take hours); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range; the message names it and the range.</exception>
    public NissOptions(
        double unitVariance = 0.01,
        double epsilon = 10,
        double delta = 1e-4,
        double clipNorm = 3,
        double? tau = null,
        double? collusionFraction = null,
        int? neighbourCount = null,
        double? noiseStd = null,
        NissSensitivity sensitivity = NissSensitivity.Sample,
        int maxShares = 100_000)
    {
        RequirePositive(unitVariance, nameof(unitVariance), "the unit noise variance sigma^2");
        RequirePositive(epsilon, nameof(epsilon), "the privacy budget epsilon");
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1)");
        }

        RequirePositive(clipNorm, nameof(clipNorm), "the clipping norm C");
        if (collusionFraction is { } rho && !(rho >= 0 && rho <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(collusionFraction), rho, "the colluding fraction rho must be in [0, 1]");
        }

        var minimum = collusionFraction is { } r ? MinimumTau(r) : 0;
        var t = tau ?? minimum;
        if (!(t >= 0) || double.IsInfinity(t))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), t, "tau must be non-negative and finite");
        }

        // A tolerance of a few ulps lets tau = MinimumTau(rho) written out in decimal pass.
        if (t < minimum * (1 - 1e-12))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), t, $"tau = {t} is below sqrt(max(2*rho - 1, 0)) = {minimum:G6}, the least that keeps each client (epsilon, delta)-DP when a fraction rho = {collusionFraction} of the others collude with the server (NISS Theorem 3)");
        }

        if (neighbourCount is { } k && k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbourCount), k, "the neighbour count must be at least 1 (or null for every other live client)");
        }

        if (noiseStd is { } s && (!(s >= 0) || double.IsInfinity(s)))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseStd), s, "the noise standard deviation sigma_k must be non-negative and finite");
        }

        if (!Enum.IsDefined(sensitivity))
        {
            throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "unknown sensitivity bound");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxShares, 1);

        UnitVariance = unitVariance;
        Epsilon = epsilon;
        Delta = delta;
        ClipNorm = clipNorm;
        Tau = t;
        CollusionFraction = collusionFraction;
        NeighbourCount = neighbourCount;
        NoiseStd = noiseStd;
        Sensitivity = sensitivity;
        MaxShares = maxShares;
    }

    /// <summary>σ², the variance of one noise share.</summary>
    public double UnitVariance { get; }

    /// <summary>ε of each client's per-round budget.</summary>
    public double Epsilon { get; }

    /// <summary>δ of each client's per-round budget.</summary>
    public double Delta { get; }

    /// <summary>C, the L2 bound each client clips its delta to.</summary>
    public double ClipNorm { get; }

    /// <summary>τ_k, the standard deviation of the multiplier of each received share (resolved).</summary>
    public double Tau { get; }

    /// <summary>ρ, the assumed colluding fraction, or null.</summary>
    public double? CollusionFraction { get; }

    /// <summary>Distinct neighbours per client, or null for every other live client.</summary>
    public int? NeighbourCount { get; }

    /// <summary>σ_k given directly (upload units), or null to use the Gaussian mechanism.</summary>
    public double? NoiseStd { get; }

    /// <summary>How Δf_k is bounded for the Gaussian mechanism.</summary>
    public NissSensitivity Sensitivity { get; }

    /// <summary>The most shares a client creates, or accepts from one sender, per round.</summary>
    public int MaxShares { get; }

    /// <summary>
    /// The least τ_k that keeps a client (ε_k, δ_k)-DP when a fraction ρ of the other clients collude
    /// with the server: √max(2ρ − 1, 0) (NISS Theorem 3). Zero up to ρ = 1/2, one at ρ = 1.
    /// </summary>
    /// <param name="collusionFraction">ρ, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">ρ is outside [0, 1].</exception>
    public static double MinimumTau(double collusionFraction)
    {
        if (!(collusionFraction >= 0 && collusionFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(collusionFraction), collusionFraction, "the colluding fraction rho must be in [0, 1]");
        }

        return Math.Sqrt(Math.Max((2 * collusionFraction) - 1, 0));
    }

    private static void RequirePositive(double value, string name, string what)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{what} must be positive and finite");
        }
    }
}
