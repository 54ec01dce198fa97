using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.Tests.SecureAggregation;

/// <summary>A client whose delta is a fixed function of (id, round, coordinate), in [−0.9, 0.9].</summary>
internal sealed class TestClient(int id, long samples) : IFederatedClient
{
    public int Id => id;

    public long Samples => samples;

    public UpdateKind Kind { get; init; } = UpdateKind.Delta;

    public Func<int, int, float>? Delta { get; init; }

    public int FitCalls;

    public float DeltaAt(int round, int i) => Delta?.Invoke(round, i) ?? (float)((((id * 37) + (i * 11) + (round * 5)) % 181 - 90) / 100.0);

    public float[] DeltaFor(int round, int dimension) => [.. Enumerable.Range(0, dimension).Select(i => DeltaAt(round, i))];

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref FitCalls);
        var w = instruction.Weights.Span;
        var values = new float[w.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Kind == UpdateKind.Delta ? DeltaAt(instruction.Round, i) : w[i] + DeltaAt(instruction.Round, i);
        }

        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, values, Kind, samples, MetricSet.Of(new Metric("train_loss", id))));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ClientReply>(new ClientEvaluation(id, instruction.Round, samples, 1, 0.5, MetricSet.Empty));
}

/// <summary>A weighted mean that records what <see cref="ISummableAggregator.FromSum"/> was given.</summary>
internal sealed class CapturingAggregator(SumForm form, string name = "capturing-mean") : ISummableAggregator
{
    public string Name => name;

    public SumForm? SumForm => form;

    public double[]? WeightedSum { get; private set; }

    public double TotalWeight { get; private set; }

    public int Count { get; private set; }

    public int Calls { get; private set; }

    public AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count)
    {
        Calls++;
        WeightedSum = weightedSum.ToArray();
        TotalWeight = totalWeight;
        Count = count;
        return AggregationResult.Of([.. WeightedSum.Select(v => (float)(v / totalWeight))]);
    }

    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => throw new NotSupportedException();
}

/// <summary>An aggregator that needs each update (as the median and Krum do).</summary>
internal sealed class NeedsEachUpdate(string name) : IAggregator
{
    public string Name => name;

    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => throw new NotSupportedException();
}

/// <summary>A summable aggregator whose configuration has no sum form (as norm bounding to the median norm).</summary>
internal sealed class NoSumForm : ISummableAggregator
{
    public string Name => "norm-bounding";

    public SumForm? SumForm => null;

    public AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count) => throw new NotSupportedException();

    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => throw new NotSupportedException();
}

/// <summary>Passes exchanges to another transport, recording them and optionally altering messages and replies.</summary>
internal sealed class RecordingTransport(ITransport inner) : ITransport
{
    public ConcurrentQueue<ProtocolMessage> Messages { get; } = new();

    public ConcurrentQueue<ClientReply> Replies { get; } = new();

    public Func<ProtocolMessage, ProtocolMessage>? AlterMessage { get; set; }

    public Func<ClientReply, ClientReply>? AlterReply { get; set; }

    public IReadOnlyList<int> AvailableClients => inner.AvailableClients;

    public IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.FitAsync(instructions, timeout, cancellationToken);

    public IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.EvaluateAsync(instructions, timeout, cancellationToken);

    public async IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = messages.Select(m => AlterMessage?.Invoke(m) ?? m).ToArray();
        foreach (var m in sent)
        {
            Messages.Enqueue(m);
        }

        await foreach (var reply in inner.ExchangeAsync(sent, timeout, cancellationToken))
        {
            Replies.Enqueue(reply);
            yield return AlterReply?.Invoke(reply) ?? reply;
        }
    }

    public ProtocolReply ReplyOf(int client, int round, int stage) =>
        Replies.OfType<ProtocolReply>().Single(r => r.ClientId == client && r.Round == round && r.Stage == stage);

    public ProtocolMessage MessageTo(int client, int round, int stage) =>
        Messages.Single(m => m.ClientId == client && m.Round == round && m.Stage == stage);
}
