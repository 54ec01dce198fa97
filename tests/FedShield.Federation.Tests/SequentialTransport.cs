using System.Runtime.CompilerServices;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Federation.Tests;

/// <summary>Calls clients one after another, optionally yielding replies in reverse order to exercise reordering.</summary>
internal sealed class SequentialTransport(IEnumerable<IFederatedClient> clients, bool reverse = false) : ITransport
{
    private readonly SortedDictionary<int, IFederatedClient> _clients = new(clients.ToDictionary(c => c.Id));

    public IReadOnlyList<int> AvailableClients => [.. _clients.Keys];

    public async IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = reverse ? instructions.Reverse() : instructions;
        foreach (var i in order)
        {
            var reply = await _clients[i.ClientId].FitAsync(i, cancellationToken);
            yield return reply with { Traffic = new Traffic(WireSize.Of(i), WireSize.Of(reply)) };
        }
    }

    public async IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var i in instructions)
        {
            var reply = await _clients[i.ClientId].EvaluateAsync(i, cancellationToken);
            yield return reply with { Traffic = new Traffic(WireSize.Of(i), WireSize.Of(reply)) };
        }
    }

    public async IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = reverse ? messages.Reverse() : messages;
        foreach (var m in order)
        {
            ClientReply reply = _clients[m.ClientId] is IProtocolParticipant p
                ? await p.HandleAsync(m, cancellationToken)
                : new ClientFailure(m.ClientId, m.Round, FailureKind.Error, "not a protocol participant");
            yield return reply with { Traffic = new Traffic(WireSize.Of(m), WireSize.Of(reply)) };
        }
    }
}
