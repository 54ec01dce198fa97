using FedShield.Federation.Messages;

namespace FedShield.Transport.Http.Grpc;

/// <summary>What a client receives: one of the federation's instructions, or the end of the federation.</summary>
/// <param name="Request">The server's id for the request, echoed in the answer.</param>
/// <param name="Fit">A training instruction.</param>
/// <param name="Evaluate">An evaluation instruction.</param>
/// <param name="Protocol">A round-protocol message.</param>
/// <param name="Stop">Why the federation ended, when it did.</param>
internal sealed record RemoteInstruction(long Request, FitInstruction? Fit = null, EvaluateInstruction? Evaluate = null, ProtocolMessage? Protocol = null, string? Stop = null);
