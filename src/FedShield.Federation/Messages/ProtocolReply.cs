using FedShield.Federation.Metrics;

namespace FedShield.Federation.Messages;

/// <summary>A client's answer to a <see cref="ProtocolMessage"/>.</summary>
/// <param name="ClientId">The replying client.</param>
/// <param name="Round">The round of the message answered.</param>
/// <param name="Protocol">The protocol's name, as in the message.</param>
/// <param name="Stage">The stage answered, as in the message.</param>
/// <param name="Payload">The answer in the protocol's encoding. The receiver owns this array.</param>
/// <param name="Metrics">Client-reported metrics the protocol chooses to reveal (training loss, ...).</param>
public sealed record ProtocolReply(int ClientId, int Round, string Protocol, int Stage, byte[] Payload, MetricSet Metrics)
    : ClientReply(ClientId, Round);
