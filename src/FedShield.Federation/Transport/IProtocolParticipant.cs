using FedShield.Federation.Messages;

namespace FedShield.Federation.Transport;

/// <summary>
/// A client that takes part in multi-message protocols: it answers each <see cref="ProtocolMessage"/>
/// with a <see cref="ProtocolReply"/> (or a <see cref="ClientFailure"/>). Protocol clients are
/// decorators around an honest client, keeping the protocol's per-round state on the client's side.
/// </summary>
public interface IProtocolParticipant : IFederatedClient
{
    /// <summary>Answers one step of a protocol.</summary>
    /// <param name="message">The server's message for this client.</param>
    /// <param name="cancellationToken">Cancelled when the step's timeout expires.</param>
    ValueTask<ClientReply> HandleAsync(ProtocolMessage message, CancellationToken cancellationToken);
}
