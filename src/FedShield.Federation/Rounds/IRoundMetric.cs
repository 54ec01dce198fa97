namespace FedShield.Federation.Rounds;

/// <summary>
/// Adds measurements to every round record without touching the round loop (attack success,
/// exclusion of known attackers, privacy budget, ...).
/// </summary>
public interface IRoundMetric
{
    /// <summary>The metrics of the finished round; names must not clash with other metrics.</summary>
    Metrics.MetricSet Measure(RoundContext context);
}
