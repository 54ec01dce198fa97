using FedShield.Federation.Messages;

namespace FedShield.Federation.Transport;

/// <summary>
/// How the server reaches its clients. The orchestrator, strategies and protocols talk only to this
/// interface, so a federation runs unchanged in one process (simulation) or across machines.
/// </summary>
public interface ITransport
{
    /// <summary>The ids of the clients reachable now, in ascending order.</summary>
    IReadOnlyList<int> AvailableClients { get; }

    /// <summary>
    /// Delivers each instruction to its client and yields the replies in the order they complete.
    /// Every instruction yields exactly one reply: a client that fails, throws or exceeds
    /// <paramref name="timeout"/> yields a <see cref="ClientFailure"/>. Each reply's
    /// <see cref="ClientReply.Traffic"/> holds the bytes the exchange moved.
    /// </summary>
    /// <param name="instructions">One instruction per selected client.</param>
    /// <param name="timeout">How long a client may take, from when its instruction is dispatched.</param>
    /// <param name="cancellationToken">Stops the whole exchange.</param>
    IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>As <see cref="FitAsync"/>, for evaluation instructions.</summary>
    IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="FitAsync"/>, for one step of a multi-message protocol: each message goes to its
    /// client's <see cref="IProtocolParticipant.HandleAsync"/>. A client that does not take part in
    /// protocols yields a <see cref="ClientFailure"/> saying so.
    /// </summary>
    IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, CancellationToken cancellationToken);
}
