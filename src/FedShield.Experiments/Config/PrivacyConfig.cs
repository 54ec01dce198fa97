using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>
/// The <c>privacy</c> section: secure aggregation, differential privacy and NISS noise offsetting.
/// They combine where meaningful: secure aggregation with central or distributed DP, NISS with
/// its own local DP noise; the combinations that cannot work are rejected with the reason.
/// </summary>
public sealed record PrivacyConfig
{
    /// <summary>Creates a validated privacy configuration.</summary>
    /// <param name="secureAggregation">Secure aggregation variant (<c>privacy.secure_aggregation</c>).</param>
    /// <param name="threshold">Secret-sharing threshold as a fraction f in [0.5, 1): unmasking needs t = ⌊f·n⌋ + 1 of a round's n clients (SecAgg+: of a client's group), more than the fraction f (<c>privacy.threshold</c>).</param>
    /// <param name="bits">Width k of the ring Z_2^k of the fixed-point encoding, 8..64 (<c>privacy.bits</c>).</param>
    /// <param name="clipRange">Each coordinate of an update is clipped to [−c, c] before fixed-point encoding (<c>privacy.clip_range</c>).</param>
    /// <param name="maxWeight">Largest aggregation weight (sample count) a client may send; null for the largest client training set (<c>privacy.max_weight</c>).</param>
    /// <param name="neighbours">SecAgg+ graph degree, or NISS neighbours per client; null for the protocol's default (<c>privacy.neighbours</c>).</param>
    /// <param name="dp">Where differential-privacy noise is added (<c>privacy.dp</c>).</param>
    /// <param name="clip">L2 bound on a client's delta for DP and NISS (<c>privacy.clip</c>).</param>
    /// <param name="noiseMultiplier">Noise standard deviation over the clip bound, z (<c>privacy.noise_multiplier</c>).</param>
    /// <param name="epsilon">Per-round ε of the Gaussian mechanism that calibrates local DP and NISS noise (<c>privacy.epsilon</c>).</param>
    /// <param name="delta">δ of the Gaussian mechanism and of the accountant's (ε, δ) (<c>privacy.delta</c>).</param>
    /// <param name="budget">Total ε after which training stops; null for no budget (<c>privacy.budget</c>).</param>
    /// <param name="niss">Whether clients offset their DP noise with NISS (<c>privacy.niss</c>).</param>
    /// <param name="unitVariance">NISS unit noise variance σ² (<c>privacy.unit_variance</c>).</param>
    /// <param name="tau">NISS standard deviation τ of the factors s ~ N(1, τ²) (<c>privacy.tau</c>).</param>
    /// <param name="colludingFraction">NISS assumed colluding fraction ρ; τ must be at least √max(2ρ − 1, 0) (<c>privacy.colluding_fraction</c>).</param>
    /// <param name="ffl">Carry the updates with fragmented federated learning (<c>privacy.ffl</c>).</param>
    /// <param name="fflAlpha">FFL's α in sim = α·ds + (1 − α)·cs (<c>privacy.ffl_alpha</c>).</param>
    /// <param name="fflReputation">Run FFL's reputation defence (<c>privacy.ffl_reputation</c>).</param>
    /// <exception cref="ArgumentException">A value is out of range or the combination cannot work.</exception>
    public PrivacyConfig(
        SecureAggregationKind secureAggregation = ConfigDefaults.SecureAggregation,
        double threshold = ConfigDefaults.PrivacyThreshold,
        int bits = ConfigDefaults.PrivacyBits,
        double clipRange = ConfigDefaults.PrivacyClipRange,
        int? maxWeight = null,
        int? neighbours = null,
        DpMode dp = ConfigDefaults.Dp,
        double clip = ConfigDefaults.PrivacyClip,
        double? noiseMultiplier = null,
        double? epsilon = null,
        double delta = ConfigDefaults.PrivacyDelta,
        double? budget = null,
        bool niss = false,
        double unitVariance = ConfigDefaults.PrivacyUnitVariance,
        double? tau = null,
        double? colludingFraction = null,
        bool ffl = false,
        double fflAlpha = ConfigDefaults.PrivacyFflAlpha,
        bool fflReputation = true)
    {
        ConfigTokens.ToToken(secureAggregation);
        ConfigTokens.ToToken(dp);
        ConfigKeys.PrivacyThreshold.Check(threshold, nameof(threshold));
        ConfigKeys.PrivacyBits.Check(bits, nameof(bits));
        ConfigKeys.PrivacyClipRange.Check(clipRange, nameof(clipRange));
        ConfigKeys.PrivacyMaxWeight.Check(maxWeight, nameof(maxWeight));
        ConfigKeys.PrivacyNeighbours.Check(neighbours, nameof(neighbours));
        ConfigKeys.PrivacyClip.Check(clip, nameof(clip));
        ConfigKeys.PrivacyNoiseMultiplier.Check(noiseMultiplier, nameof(noiseMultiplier));
        ConfigKeys.PrivacyEpsilon.Check(epsilon, nameof(epsilon));
        ConfigKeys.PrivacyDelta.Check(delta, nameof(delta));
        ConfigKeys.PrivacyBudget.Check(budget, nameof(budget));
        ConfigKeys.PrivacyUnitVariance.Check(unitVariance, nameof(unitVariance));
        ConfigKeys.PrivacyTau.Check(tau, nameof(tau));
        ConfigKeys.PrivacyColludingFraction.Check(colludingFraction, nameof(colludingFraction));
        ConfigKeys.PrivacyFflAlpha.Check(fflAlpha, nameof(fflAlpha));
        if (RequirementError(secureAggregation, dp, noiseMultiplier, epsilon, budget, niss, tau, colludingFraction, ffl) is { } error)
        {
            throw new ArgumentException(error, nameof(dp));
        }

        SecureAggregation = secureAggregation;
        Threshold = threshold;
        Bits = bits;
        ClipRange = clipRange;
        MaxWeight = maxWeight;
        Neighbours = neighbours;
        Dp = dp;
        Clip = clip;
        NoiseMultiplier = noiseMultiplier;
        Epsilon = epsilon;
        Delta = delta;
        Budget = budget;
        Niss = niss;
        UnitVariance = unitVariance;
        Tau = tau;
        ColludingFraction = colludingFraction;
        Ffl = ffl;
        FflAlpha = fflAlpha;
        FflReputation = fflReputation;
    }

    /// <summary>Secure aggregation variant.</summary>
    public SecureAggregationKind SecureAggregation { get; }

    /// <summary>Threshold fraction f: unmasking needs more than f of the round's clients (SecAgg+: of a client's group).</summary>
    public double Threshold { get; }

    /// <summary>Ring width k of the fixed-point encoding.</summary>
    public int Bits { get; }

    /// <summary>Per-coordinate clipping range c of the fixed-point encoding.</summary>
    public double ClipRange { get; }

    /// <summary>Largest aggregation weight a client may send, or null for the largest client training set.</summary>
    public int? MaxWeight { get; }

    /// <summary>SecAgg+ graph degree or NISS neighbour count, or null for the default.</summary>
    public int? Neighbours { get; }

    /// <summary>Where differential-privacy noise is added.</summary>
    public DpMode Dp { get; }

    /// <summary>L2 bound on a client's delta (DP and NISS).</summary>
    public double Clip { get; }

    /// <summary>Noise multiplier z (noise std = z · clip), or null.</summary>
    public double? NoiseMultiplier { get; }

    /// <summary>Per-round ε of the Gaussian mechanism (local DP, NISS), or null.</summary>
    public double? Epsilon { get; }

    /// <summary>δ of the Gaussian mechanism and of the accountant.</summary>
    public double Delta { get; }

    /// <summary>Total ε at which training stops, or null.</summary>
    public double? Budget { get; }

    /// <summary>Whether NISS offsets the clients' DP noise.</summary>
    public bool Niss { get; }

    /// <summary>NISS unit noise variance σ².</summary>
    public double UnitVariance { get; }

    /// <summary>NISS τ, or null for the least τ the colluding fraction allows (0 when none is given).</summary>
    public double? Tau { get; }

    /// <summary>NISS assumed colluding fraction ρ, or null.</summary>
    public double? ColludingFraction { get; }

    /// <summary>Whether fragmented federated learning (seeds/003) carries the updates.</summary>
    public bool Ffl { get; }

    /// <summary>FFL's α: the weight of the magnitude distance in the similarity.</summary>
    public double FflAlpha { get; }

    /// <summary>Whether FFL runs its reputation defence (off: FFL for privacy only, every participant trusted).</summary>
    public bool FflReputation { get; }

    /// <summary>Whether any privacy mechanism is on.</summary>
    public bool IsActive => SecureAggregation != SecureAggregationKind.None || Dp != DpMode.None || Niss || Ffl;

    /// <summary>The least τ Theorem 3 of the NISS paper allows for a colluding fraction ρ: √max(2ρ − 1, 0).</summary>
    public static double MinimumTau(double colludingFraction) => Math.Sqrt(Math.Max((2 * colludingFraction) - 1, 0));

    /// <summary>NISS's τ in effect: the configured one, else the least the colluding fraction allows, else 0.</summary>
    public double EffectiveTau => Tau ?? (ColludingFraction is { } rho ? MinimumTau(rho) : 0);

    /// <summary>Why the privacy settings cannot run with the strategy's aggregator, or null.</summary>
    internal static string? AggregatorError(SecureAggregationKind secureAggregation, DpMode dp, bool niss, AggregatorKind aggregator, double? normBound, bool ffl = false)
    {
        if (ffl && aggregator != AggregatorKind.Mean)
        {
            return $"privacy.ffl aggregates the mixed updates itself (a mean weighted by data size and trust) and the server never holds an individual update; strategy.aggregator must be mean, not {ConfigTokens.ToToken(aggregator)}";
        }

        var hidesUpdates = secureAggregation != SecureAggregationKind.None || niss;
        var summable = aggregator == AggregatorKind.Mean || (aggregator == AggregatorKind.NormBounding && normBound is not null);
        if (hidesUpdates && !summable)
        {
            var protocol = niss ? "NISS" : "secure aggregation";
            var what = aggregator == AggregatorKind.NormBounding
                ? "norm-bounding to the round's median norm needs every update's norm"
                : $"strategy.aggregator {ConfigTokens.ToToken(aggregator)} needs each client's individual update";
            return $"{protocol} reveals only the sum of the updates, but {what}; use mean, or norm-bounding with a fixed strategy.norm_bound";
        }

        if (dp is DpMode.Central or DpMode.Distributed && aggregator != AggregatorKind.Mean)
        {
            return $"privacy.dp {ConfigTokens.ToToken(dp)} replaces the aggregate with a clipped, noised mean; strategy.aggregator must be mean, not {ConfigTokens.ToToken(aggregator)}";
        }

        return null;
    }

    /// <summary>Why a combination of privacy settings cannot work, or null.</summary>
    internal static string? RequirementError(SecureAggregationKind secureAggregation, DpMode dp, double? noiseMultiplier, double? epsilon, double? budget, bool niss, double? tau, double? colludingFraction, bool ffl = false)
    {
        if (ffl && (niss || secureAggregation != SecureAggregationKind.None))
        {
            return $"privacy.ffl and privacy.{(niss ? "niss" : "secure_aggregation")} are both round protocols and cannot run together; choose one";
        }

        if (ffl && dp is DpMode.Central or DpMode.Distributed)
        {
            return $"privacy.dp {ConfigTokens.ToToken(dp)} replaces the aggregate, but privacy.ffl aggregates the mixed updates itself; use privacy.dp local or none with FFL";
        }

        if (niss && secureAggregation != SecureAggregationKind.None)
        {
            return "privacy.niss and privacy.secure_aggregation are both round protocols and cannot run together; choose one";
        }

        if (niss && dp != DpMode.None)
        {
            return "privacy.niss adds its own local DP noise (calibrated by privacy.epsilon); leave privacy.dp at none";
        }

        if (niss && epsilon is null && noiseMultiplier is null)
        {
            return "privacy.niss needs privacy.epsilon (the per-round ε that calibrates each client's noise) or privacy.noise_multiplier";
        }

        if (tau is { } t && colludingFraction is { } rho && t < MinimumTau(rho) - 1e-12)
        {
            return $"privacy.tau {t} is below √max(2ρ − 1, 0) = {MinimumTau(rho):0.####} for privacy.colluding_fraction {rho} (NISS Theorem 3)";
        }

        if (!niss && (tau is not null || colludingFraction is not null))
        {
            return "privacy.tau and privacy.colluding_fraction configure NISS; set privacy.niss: true or remove them";
        }

        switch (dp)
        {
            case DpMode.Local when epsilon is null == noiseMultiplier is null:
                return "privacy.dp local needs exactly one of privacy.epsilon (calibrated per round by the Gaussian mechanism) and privacy.noise_multiplier";
            case DpMode.Central or DpMode.Distributed when noiseMultiplier is null:
                return $"privacy.dp {ConfigTokens.ToToken(dp)} needs privacy.noise_multiplier (noise std over the clip bound)";
            case DpMode.Central or DpMode.Distributed when epsilon is not null:
                return $"privacy.epsilon calibrates local noise; privacy.dp {ConfigTokens.ToToken(dp)} is set by privacy.noise_multiplier and accounted with privacy.delta";
            case DpMode.Distributed when secureAggregation == SecureAggregationKind.None:
                return "privacy.dp distributed splits the noise among clients and relies on secure aggregation to hide each share; set privacy.secure_aggregation";
            case DpMode.Local when secureAggregation != SecureAggregationKind.None:
                return "privacy.dp local with secure aggregation adds each client's full noise to the sum; use privacy.dp distributed to split the noise among the clients";
        }

        if (budget is not null && dp == DpMode.None && !niss)
        {
            return "privacy.budget needs differential privacy (privacy.dp or privacy.niss) to account for";
        }

        return null;
    }
}
