namespace FedShield.Federation.Messages;

/// <summary>
/// One step of a multi-message protocol (secure aggregation, NISS, FFL) sent by the server to one
/// client. The payload is the protocol's own encoding, opaque to the transport, so a protocol runs
/// unchanged in simulation and over the network. A stage at which the client trains carries the
/// round's <see cref="FitInstruction"/>.
/// </summary>
/// <param name="Round">The round (1-based).</param>
/// <param name="ClientId">The addressed client.</param>
/// <param name="Protocol">The protocol's name ("secagg", "niss", ...); a client rejects a protocol it does not run.</param>
/// <param name="Stage">The protocol's step number.</param>
/// <param name="Payload">The step's content in the protocol's encoding.</param>
/// <param name="Fit">The training instruction, at the stage where the client trains; null otherwise.</param>
public sealed record ProtocolMessage(int Round, int ClientId, string Protocol, int Stage, ReadOnlyMemory<byte> Payload, FitInstruction? Fit = null);
