using System.Runtime.CompilerServices;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.Tests.Niss;

/// <summary>
/// Stands between the server and a real transport: records every protocol payload in both directions
/// and lets a test alter a message on its way out or lose a reply on its way back.
/// </summary>
internal sealed class InterceptingTransport(ITransport inner) : ITransport
{
    public List<ProtocolMessage> Messages { get; } = [];

    public List<ProtocolReply> Replies { get; } = [];

    /// <summary>Rewrites a message before delivery (tampering in transit).</summary>
    public Func<ProtocolMessage, ProtocolMessage>? Outgoing { get; set; }

    /// <summary>Whether (client, stage) loses its reply: the client did the work, the server never hears of it.</summary>
    public Func<int, int, bool>? Lose { get; set; }

    /// <summary>Rewrites a reply on its way back (a misbehaving client).</summary>
    public Func<ClientReply, ClientReply>? Incoming { get; set; }

    public IReadOnlyList<int> AvailableClients => inner.AvailableClients;

    public IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.FitAsync(instructions, timeout, cancellationToken);

    public IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.EvaluateAsync(instructions, timeout, cancellationToken);

    public async IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = messages.Select(m => Outgoing?.Invoke(m) ?? m).ToArray();
        Messages.AddRange(sent);
        await foreach (var reply in inner.ExchangeAsync(sent, timeout, cancellationToken))
        {
            if (reply is ProtocolReply p)
            {
                Replies.Add(p);
            }

            var stage = messages[0].Stage;
            yield return Lose?.Invoke(reply.ClientId, stage) == true
                ? new ClientFailure(reply.ClientId, reply.Round, FailureKind.Unavailable, "connection lost")
                : Incoming?.Invoke(reply) ?? reply;
        }
    }
}
