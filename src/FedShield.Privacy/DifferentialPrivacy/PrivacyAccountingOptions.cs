namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// What <see cref="PrivacyAccountingMetric"/> accounts per round: one step of the sampled Gaussian
/// mechanism with sampling rate q and noise multiplier z, reported as (ε, δ).
/// </summary>
/// <param name="SamplingRate">q ∈ (0, 1], the probability that a client takes part in a round (clients per round over total clients for uniform sampling).</param>
/// <param name="NoiseMultiplier">z ≥ 0, the noise standard deviation on the sum over the clipping norm (<see cref="CentralDpOptions.NoiseMultiplier"/>).</param>
/// <param name="Delta">δ ∈ (0, 1) at which ε is reported; commonly below 1/N for N clients.</param>
public sealed record PrivacyAccountingOptions(double SamplingRate, double NoiseMultiplier, double Delta)
{
    /// <summary>q, the per-round sampling rate of a client.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double SamplingRate { get; init => field = CheckRate(value, nameof(SamplingRate)); } = CheckRate(SamplingRate, nameof(SamplingRate));

    /// <summary>z, the noise multiplier.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double NoiseMultiplier { get; init => field = CheckMultiplier(value, nameof(NoiseMultiplier)); } = CheckMultiplier(NoiseMultiplier, nameof(NoiseMultiplier));

    /// <summary>δ of the reported guarantee.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double Delta { get; init => field = CheckDelta(value, nameof(Delta)); } = CheckDelta(Delta, nameof(Delta));

    /// <summary>The Rényi orders to track; null for <see cref="RdpAccountant.DefaultOrders"/>.</summary>
    public IReadOnlyList<double>? Orders { get; init; }

    /// <summary>The RDP-to-DP conversion used for the reported ε; <see cref="RdpConversion.Classic"/> by default.</summary>
    public RdpConversion Conversion { get; init; } = RdpConversion.Classic;

    /// <summary>
    /// The accounting of central DP-FedAvg: q = qN/N from the aggregator's expected clients per round
    /// and the total number of clients, z from its options. The analysis assumes each client takes
    /// part independently with probability q (Poisson sampling, as McMahan et al. 2018 do); the round
    /// loop's <c>UniformSampler</c> draws a fixed number without replacement, for which this q is the
    /// customary approximation rather than a proven bound (see <see cref="RdpAccountant"/>).
    /// </summary>
    /// <param name="options">The aggregator's settings.</param>
    /// <param name="totalClients">N, the number of clients in the federation (at least qN).</param>
    /// <param name="delta">δ ∈ (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">N is below the expected clients per round, or δ is out of range.</exception>
    public static PrivacyAccountingOptions For(CentralDpOptions options, int totalClients, double delta)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(totalClients >= options.ExpectedClients))
        {
            throw new ArgumentOutOfRangeException(nameof(totalClients), totalClients, $"the federation must have at least the {options.ExpectedClients} clients expected per round");
        }

        return new PrivacyAccountingOptions(options.ExpectedClients / totalClients, options.NoiseMultiplier, delta);
    }

    private static double CheckRate(double value, string name) =>
        value > 0 && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the sampling rate q must be in (0, 1]");

    private static double CheckMultiplier(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the noise multiplier z must be non-negative and finite");

    private static double CheckDelta(double value, string name) =>
        value > 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "delta must be in (0, 1)");
}
