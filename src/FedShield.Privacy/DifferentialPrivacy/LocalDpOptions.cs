namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Settings of local differential privacy (<see cref="LocalDpClient"/>): each client clips its
/// delta to L2 norm <see cref="ClipNorm"/> and adds N(0, <see cref="NoiseStd"/>²) to every coordinate
/// before upload.
/// </summary>
/// <param name="ClipNorm">C, the L2 bound of a client's delta (positive and finite).</param>
/// <param name="NoiseStd">σ, the standard deviation of the noise per coordinate (non-negative and finite; 0 clips without noise).</param>
public sealed record LocalDpOptions(double ClipNorm, double NoiseStd)
{
    /// <summary>C, the L2 bound of a client's delta.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double ClipNorm { get; init => field = CheckClip(value, nameof(ClipNorm)); } = CheckClip(ClipNorm, nameof(ClipNorm));

    /// <summary>σ, the noise standard deviation per coordinate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double NoiseStd { get; init => field = CheckNoise(value, nameof(NoiseStd)); } = CheckNoise(NoiseStd, nameof(NoiseStd));

    /// <summary>
    /// Options whose noise makes one upload (ε, δ)-DP by the classic Gaussian mechanism,
    /// σ = c·Δf/ε with c = √(2 ln(1.25/δ)) (<see cref="GaussianMechanism.NoiseStd"/>): the NISS paper's
    /// DP-FedAvg baseline. Typical sensitivities: 2C when adjacent means "any other dataset of this
    /// client" (two clipped deltas differ by at most 2C), or
    /// <see cref="GaussianMechanism.LocalTrainingSensitivity"/> (2C/|D_k|, one sample changed, Wei et
    /// al.'s analysis of clipped local training).
    /// </summary>
    /// <param name="clipNorm">C, positive and finite.</param>
    /// <param name="epsilon">ε &gt; 0 per upload (the classic analysis assumes ε &lt; 1; see <see cref="GaussianMechanism"/>).</param>
    /// <param name="delta">δ ∈ (0, 1) per upload.</param>
    /// <param name="sensitivity">Δf &gt; 0, the L2 sensitivity of the upload.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static LocalDpOptions ForBudget(double clipNorm, double epsilon, double delta, double sensitivity) =>
        new(clipNorm, GaussianMechanism.NoiseStd(epsilon, delta, sensitivity));

    /// <summary>
    /// Distributed DP under secure aggregation: each of <paramref name="clients"/> clients adds
    /// N(0, σ²/n), so the sum that the server unmasks carries N(0, σ²), the noise of central DP,
    /// while no single upload is private on its own (secure aggregation hides it). Clients that drop
    /// out, or that collude with the server and subtract their own noise, take their share away: if
    /// d of n shares are missing the sum carries only (n − d)/n of σ². Pass the number of clients
    /// whose noise is certain to reach the sum (the secure-aggregation threshold, say), not the
    /// number selected.
    /// </summary>
    /// <param name="clients">n ≥ 1, the number of noise shares that the sum is sure to contain.</param>
    /// <exception cref="ArgumentOutOfRangeException">n is below 1.</exception>
    public LocalDpOptions ShareAmong(int clients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        return new LocalDpOptions(ClipNorm, NoiseStd / Math.Sqrt(clients));
    }

    private static double CheckClip(double value, string name) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the local DP clipping norm must be positive and finite");

    private static double CheckNoise(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "the local DP noise standard deviation must be non-negative and finite");
}
