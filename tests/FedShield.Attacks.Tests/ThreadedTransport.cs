using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

/// <summary>
/// A minimal in-test transport that fits clients on a few dedicated threads, each blocking on its
/// client's reply as the simulation's workers do; replies come back in completion order.
/// </summary>
internal sealed class ThreadedTransport(IReadOnlyList<IFederatedClient> clients, int workers) : ITransport
{
    private readonly Dictionary<int, IFederatedClient> _clients = clients.ToDictionary(c => c.Id);

    public IReadOnlyList<int> AvailableClients => [.. _clients.Keys.Order()];

    public async IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var replies = Channel.CreateUnbounded<ClientReply>();
        int next = -1;
        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < instructions.Count)
            {
                var instruction = instructions[i];
                ClientReply reply;
                try
                {
                    var pending = _clients[instruction.ClientId].FitAsync(instruction, CancellationToken.None);
                    reply = pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    reply = new ClientFailure(instruction.ClientId, instruction.Round, FailureKind.Error, $"{ex.GetType().Name}: {ex.Message}");
                }

                replies.Writer.TryWrite(reply);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        for (int k = 0; k < instructions.Count; k++)
        {
            yield return await replies.Reader.ReadAsync(cancellationToken);
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }

    public async IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var instruction in instructions)
        {
            yield return await _clients[instruction.ClientId].EvaluateAsync(instruction, cancellationToken);
        }
    }

    public async IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var m in messages)
        {
            yield return _clients[m.ClientId] is IProtocolParticipant p
                ? await p.HandleAsync(m, cancellationToken)
                : new ClientFailure(m.ClientId, m.Round, FailureKind.Error, "not a protocol participant");
        }
    }
}
