namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Settings of central DP-FedAvg (<see cref="CentralDpAggregator"/>; McMahan, Ramage, Talwar and
/// Zhang, "Learning Differentially Private Recurrent Language Models", ICLR 2018).
/// </summary>
/// <param name="ClipNorm">S, the L2 bound of each client's delta (positive and finite).</param>
/// <param name="NoiseMultiplier">z, the noise standard deviation on the sum over S (non-negative and finite): the sum gets N(0, (zS)²).</param>
/// <param name="ExpectedClients">qN, the expected number of clients per round (positive and finite): the fixed denominator of the estimator.</param>
public sealed record CentralDpOptions(double ClipNorm, double NoiseMultiplier, double ExpectedClients)
{
    /// <summary>S, the L2 bound of each client's delta.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double ClipNorm { get; init => field = CheckClip(value, nameof(ClipNorm)); } = CheckClip(ClipNorm, nameof(ClipNorm));

    /// <summary>z, the noise multiplier: noise standard deviation on the sum over <see cref="ClipNorm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double NoiseMultiplier { get; init => field = CheckMultiplier(value, nameof(NoiseMultiplier)); } = CheckMultiplier(NoiseMultiplier, nameof(NoiseMultiplier));

    /// <summary>qN, the expected number of clients per round.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double ExpectedClients { get; init => field = CheckExpected(value, nameof(ExpectedClients)); } = CheckExpected(ExpectedClients, nameof(ExpectedClients));

    /// <summary>zS, the standard deviation of the noise added to each coordinate of the sum.</summary>
    public double SumNoiseStd => NoiseMultiplier * ClipNorm;

    /// <summary>zS/(qN), the standard deviation of the noise in each coordinate of the aggregate.</summary>
    public double AggregateNoiseStd => NoiseMultiplier * ClipNorm / ExpectedClients;

    private static double CheckClip(double value, string name) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the central DP clipping norm S must be positive and finite");

    private static double CheckMultiplier(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the central DP noise multiplier z must be non-negative and finite");

    private static double CheckExpected(double value, string name) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the expected number of clients per round qN must be positive and finite");
}
