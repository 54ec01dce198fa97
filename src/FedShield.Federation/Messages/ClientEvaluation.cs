using FedShield.Federation.Metrics;

namespace FedShield.Federation.Messages;

/// <summary>A client's answer to an <see cref="EvaluateInstruction"/>: the global model scored on its validation split.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Round">The round.</param>
/// <param name="SampleCount">Validation samples scored.</param>
/// <param name="Loss">Mean loss over those samples.</param>
/// <param name="Accuracy">Fraction classified correctly, in [0, 1].</param>
/// <param name="Metrics">Further client-reported metrics.</param>
public sealed record ClientEvaluation(int ClientId, int Round, long SampleCount, double Loss, double Accuracy, MetricSet Metrics)
    : ClientReply(ClientId, Round);
