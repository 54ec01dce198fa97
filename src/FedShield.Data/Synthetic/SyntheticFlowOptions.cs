namespace FedShield.Data.Synthetic;

/// <summary>Size and shape of a <see cref="SyntheticFlows"/> dataset, validated on construction.</summary>
public sealed record SyntheticFlowOptions
{
    /// <summary>The most attack classes the generator knows.</summary>
    public const int MaxAttackClasses = 4;

    /// <summary>Creates and validates the options.</summary>
    /// <param name="trainFlows">Flows in the training split, ≥ 1.</param>
    /// <param name="testFlows">Flows in the test split, ≥ 1.</param>
    /// <param name="attackClasses">Attack classes besides benign, in [1, <see cref="MaxAttackClasses"/>]: syn-flood, udp-lag, dns-amplification, ntp-amplification, taken in that order.</param>
    /// <param name="sessionLength">Mean number of flows per session, ≥ 1 (lengths are geometric with this mean).</param>
    /// <param name="correlation">AR(1) coefficient ρ in [0, 1) linking the noise of consecutive flows of a session.</param>
    /// <param name="seed">Seed of everything drawn.</param>
    /// <param name="windowLength">Null for one sample per flow; otherwise L ≥ 1: samples are L consecutive flows of one session, shape (L, F).</param>
    /// <param name="windowStride">Flows between the starts of consecutive windows of a session, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range or is not finite.</exception>
    public SyntheticFlowOptions(int trainFlows = 6000, int testFlows = 2000, int attackClasses = 2, double sessionLength = 20, double correlation = 0.7, int seed = 0, int? windowLength = null, int windowStride = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainFlows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(testFlows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attackClasses, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attackClasses, MaxAttackClasses);
        if (!(sessionLength >= 1 && double.IsFinite(sessionLength)))
        {
            throw new ArgumentOutOfRangeException(nameof(sessionLength), sessionLength, $"sessionLength must be finite and ≥ 1; got {sessionLength}.");
        }

        if (!(correlation >= 0 && correlation < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(correlation), correlation, $"correlation must lie in [0, 1); got {correlation}.");
        }

        if (windowLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, $"windowLength must be at least 1 (or null for single flows); got {windowLength}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(windowStride, 1);
        TrainFlows = trainFlows;
        TestFlows = testFlows;
        AttackClasses = attackClasses;
        SessionLength = sessionLength;
        Correlation = correlation;
        Seed = seed;
        WindowLength = windowLength;
        WindowStride = windowStride;
    }

    /// <summary>Flows in the training split.</summary>
    public int TrainFlows { get; }

    /// <summary>Flows in the test split.</summary>
    public int TestFlows { get; }

    /// <summary>Attack classes besides benign.</summary>
    public int AttackClasses { get; }

    /// <summary>Mean flows per session.</summary>
    public double SessionLength { get; }

    /// <summary>AR(1) coefficient between consecutive flows of a session.</summary>
    public double Correlation { get; }

    /// <summary>Seed of everything drawn.</summary>
    public int Seed { get; }

    /// <summary>Flows per window sample, or null for one sample per flow.</summary>
    public int? WindowLength { get; }

    /// <summary>Flows between window starts.</summary>
    public int WindowStride { get; }
}
