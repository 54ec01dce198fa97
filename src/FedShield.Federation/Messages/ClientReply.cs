namespace FedShield.Federation.Messages;

/// <summary>
/// What a client sent back for one instruction: an update, an evaluation or a failure. Failures are
/// data: a client that errs, times out or sends something malformed is reported as a
/// <see cref="ClientFailure"/> and the round goes on without it.
/// </summary>
/// <param name="ClientId">The replying client.</param>
/// <param name="Round">The round the instruction belonged to (1-based).</param>
public abstract record ClientReply(int ClientId, int Round)
{
    /// <summary>Bytes this exchange moved, as counted by the transport (zero until it sets them).</summary>
    public Traffic Traffic { get; init; }
}
