using System.Runtime.InteropServices;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;

namespace FedShield.Federation.Tests.Protocols;

/// <summary>
/// A one-stage test protocol that sends each client its instruction as a protocol message and sums
/// the replies in the clear: the plain round spelled as protocol messages.
/// </summary>
internal sealed class ClearSumProtocol : IAggregationProtocol
{
    public const string ProtocolName = "clear-sum";

    public string? Refuse { get; init; }

    public string? SkipReason { get; init; }

    public string Name => ProtocolName;

    public string? Incompatibility(IAggregator aggregator) =>
        Refuse ?? (aggregator is ISummableAggregator { SumForm: not null } ? null : "it needs a summable aggregator");

    public async Task<ProtocolOutcome> RunAsync(ProtocolRound round, CancellationToken cancellationToken)
    {
        var messages = round.Instructions.Select(i => new ProtocolMessage(round.Round, i.ClientId, Name, 0, ReadOnlyMemory<byte>.Empty, i)).ToArray();
        var sum = new double[round.Instructions[0].Weights.Length];
        double weight = 0;
        var participants = new List<int>();
        var failures = new List<ClientFailure>();
        var traffic = new Dictionary<int, Traffic>();
        await foreach (var reply in round.Transport.ExchangeAsync(messages, round.Timeout, cancellationToken))
        {
            traffic[reply.ClientId] = reply.Traffic;
            if (reply is ProtocolReply { Stage: 0 } p && p.Payload.Length == 8 + (4 * sum.Length))
            {
                var w = BitConverter.ToDouble(p.Payload, 0);
                var values = MemoryMarshal.Cast<byte, float>(p.Payload.AsSpan(8));
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += w * values[i];
                }

                weight += w;
                participants.Add(p.ClientId);
            }
            else
            {
                failures.Add(reply as ClientFailure ?? new ClientFailure(reply.ClientId, round.Round, FailureKind.Malformed, "bad payload"));
            }
        }

        participants.Sort();
        if (SkipReason is not null || participants.Count == 0)
        {
            return new ProtocolOutcome(null, SkipReason ?? "nobody answered", participants, failures, traffic, MetricSet.Empty);
        }

        var aggregation = ((ISummableAggregator)round.Aggregator).FromSum(sum, weight, participants.Count);
        return new ProtocolOutcome(aggregation, null, participants, failures, traffic, MetricSet.Of(new Metric("clear_sum.participants", participants.Count)));
    }
}

/// <summary>The client side of <see cref="ClearSumProtocol"/>: trains and sends its weighted delta in the clear.</summary>
internal sealed class ClearSumParticipant(IFederatedClient inner) : IProtocolParticipant
{
    public int Id => inner.Id;

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) => inner.FitAsync(instruction, cancellationToken);

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) => inner.EvaluateAsync(instruction, cancellationToken);

    public async ValueTask<ClientReply> HandleAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        var reply = await inner.FitAsync(message.Fit!, cancellationToken);
        if (reply is not ClientUpdate update)
        {
            return reply;
        }

        var payload = new byte[8 + (4 * update.Values.Length)];
        BitConverter.TryWriteBytes(payload, (double)update.SampleCount);
        MemoryMarshal.AsBytes(update.Values.AsSpan()).CopyTo(payload.AsSpan(8));
        return new ProtocolReply(Id, message.Round, message.Protocol, message.Stage, payload, update.Metrics);
    }
}
