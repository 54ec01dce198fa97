using FedShield.Federation.Metrics;

namespace FedShield.Federation.Messages;

/// <summary>
/// A client's answer to a <see cref="FitInstruction"/>: its trained weights or their difference from
/// the global model, the number of samples it trained on (the aggregation weight) and its metrics.
/// The orchestrator turns weights into deltas before aggregation, so aggregators only see deltas.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="Round">The round.</param>
/// <param name="Values">Weights or delta, one element per model parameter. The receiver owns this array.</param>
/// <param name="Kind">Whether <paramref name="Values"/> are weights or a delta.</param>
/// <param name="SampleCount">Training samples behind the update (positive).</param>
/// <param name="Metrics">Client-reported metrics (training loss, local accuracy, ...).</param>
public sealed record ClientUpdate(int ClientId, int Round, float[] Values, UpdateKind Kind, long SampleCount, MetricSet Metrics)
    : ClientReply(ClientId, Round);
