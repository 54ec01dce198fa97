using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;
using FedShield.Privacy.Ffl;

namespace FedShield.Experiments.Privacy;

/// <summary>
/// The mean FFL trust ν of honest participants and of attackers after each round, over every registered
/// participant (the curves of the FFL paper's Fig. 2), and the share of attackers among the round's
/// selected participants.
/// </summary>
public sealed class FflTrustMetric(FflProtocol protocol, IReadOnlyList<int> malicious) : IRoundMetric
{
    /// <summary>Mean trust of the honest participants.</summary>
    public const string Honest = "ffl.trust_honest";

    /// <summary>Mean trust of the attackers.</summary>
    public const string Attackers = "ffl.trust_attackers";

    private readonly HashSet<int> _malicious = [.. malicious];

    /// <inheritdoc />
    public MetricSet Measure(RoundContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = protocol.Trust;
        if (trust.Count == 0)
        {
            return MetricSet.Empty;
        }

        var metrics = new List<Metric>();
        var honest = trust.Where(t => !_malicious.Contains(t.Key)).Select(t => t.Value).ToArray();
        if (honest.Length > 0)
        {
            metrics.Add(new Metric(Honest, honest.Average()));
        }

        var attackers = trust.Where(t => _malicious.Contains(t.Key)).Select(t => t.Value).ToArray();
        if (attackers.Length > 0)
        {
            metrics.Add(new Metric(Attackers, attackers.Average()));
            metrics.Add(new Metric("ffl.attackers_selected", context.Selected.Count(_malicious.Contains)));
        }

        return MetricSet.Of([.. metrics]);
    }
}
