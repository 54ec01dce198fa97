namespace FedShield.Federation.Messages;

/// <summary>
/// The bytes a message takes on the wire in FedShield's encoding: a fixed header plus four bytes per
/// float. The in-process transport reports these sizes so that simulated and networked runs account
/// communication the same way.
/// </summary>
public static class WireSize
{
    /// <summary>Header bytes of every message: round, client, kind, sample count, seed, lengths.</summary>
    public const int HeaderBytes = 32;

    /// <summary>Bytes per metric name/value pair (name up to 24 bytes plus a double).</summary>
    public const int MetricBytes = 32;

    /// <summary>Size of a fit instruction.</summary>
    public static long Of(FitInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return HeaderBytes + 4L * instruction.Weights.Length;
    }

    /// <summary>Size of an evaluate instruction.</summary>
    public static long Of(EvaluateInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return HeaderBytes + 4L * instruction.Weights.Length;
    }

    /// <summary>Size of a protocol message: header, protocol name, payload and, at a training stage, the weights.</summary>
    public static long Of(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HeaderBytes + message.Protocol.Length + message.Payload.Length + (message.Fit is { } fit ? 4L * fit.Weights.Length : 0);
    }

    /// <summary>Size of a reply.</summary>
    public static long Of(ClientReply reply) => reply switch
    {
        ClientUpdate u => HeaderBytes + 4L * u.Values.Length + MetricBytes * u.Metrics.Count,
        ClientEvaluation e => HeaderBytes + 16 + MetricBytes * e.Metrics.Count,
        ClientFailure f => HeaderBytes + f.Reason.Length,
        ProtocolReply p => HeaderBytes + p.Protocol.Length + p.Payload.Length + MetricBytes * p.Metrics.Count,
        null => throw new ArgumentNullException(nameof(reply)),
        _ => HeaderBytes,
    };
}
