using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;

namespace FedShield.Federation.Rounds;

/// <summary>Everything measured in one round.</summary>
/// <param name="Round">The round (1-based).</param>
/// <param name="Outcome">Whether the global model changed.</param>
/// <param name="Reason">Why the round was skipped (null when applied).</param>
/// <param name="Selected">The clients asked to train, ascending.</param>
/// <param name="Participants">The clients whose update was valid and counted, ascending.</param>
/// <param name="Failures">The clients that produced nothing usable, with reasons.</param>
/// <param name="Evaluation">The global model on the server's test set after the round (null when not evaluated this round).</param>
/// <param name="ClientTraffic">Bytes per client (training and evaluation exchanges).</param>
/// <param name="Timings">Time per phase.</param>
/// <param name="Metrics">
/// Everything else, by name: sample-weighted means of the client metrics (train_loss, ...), the
/// aggregator's report (aggregator.*), client evaluation (client_eval_*), and whatever registered
/// <see cref="IRoundMetric"/>s add.
/// </param>
public sealed record RoundRecord(
    int Round,
    RoundOutcome Outcome,
    string? Reason,
    IReadOnlyList<int> Selected,
    IReadOnlyList<int> Participants,
    IReadOnlyList<ClientFailure> Failures,
    EvaluationResult? Evaluation,
    IReadOnlyList<ClientTraffic> ClientTraffic,
    PhaseTimings Timings,
    MetricSet Metrics)
{
    /// <summary>Bytes of the round over all clients.</summary>
    public Traffic Traffic => ClientTraffic.Aggregate(default(Traffic), (t, c) => t + c.Traffic);
}
