namespace FedShield.Federation.Messages;

/// <summary>A client that was asked to work and produced nothing usable, with the reason.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Round">The round.</param>
/// <param name="Kind">The class of failure.</param>
/// <param name="Reason">A human-readable explanation (the error message, the validation problem, ...).</param>
public sealed record ClientFailure(int ClientId, int Round, FailureKind Kind, string Reason) : ClientReply(ClientId, Round);
