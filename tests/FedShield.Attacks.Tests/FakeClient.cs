using System.Collections.Concurrent;
using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

/// <summary>
/// A scripted client: its fit reply comes from a function of itself and the instruction, and it
/// counts its calls. It holds a few local samples so that data transforms can be observed, and keeps
/// a checkpoint value.
/// </summary>
internal sealed class FakeClient : ITransformableClient, ICheckpointable
{
    private readonly Func<FakeClient, FitInstruction, CancellationToken, ClientReply> _fit;
    private int _fitCalls;
    private int _evaluateCalls;

    public FakeClient(int id, Func<FakeClient, FitInstruction, CancellationToken, ClientReply> fit, float[]? features = null, int[]? labels = null, int[]? sampleShape = null, int classCount = 10)
    {
        Id = id;
        _fit = fit;
        Features = features ?? [];
        Labels = labels ?? [];
        SampleShape = sampleShape ?? [1];
        ClassCount = classCount;
    }

    public int Id { get; }

    public float[] Features { get; }

    public int[] Labels { get; }

    public int[] SampleShape { get; }

    public int ClassCount { get; }

    public int FitCalls => Volatile.Read(ref _fitCalls);

    public int EvaluateCalls => Volatile.Read(ref _evaluateCalls);

    public ConcurrentQueue<FitInstruction> Instructions { get; } = new();

    /// <summary>The seed this client's data was transformed with, if it is a transformed copy.</summary>
    public int? TransformSeed { get; private init; }

    public string State { get; set; } = "";

    /// <summary>A client whose update is <paramref name="delta"/> (a delta), with 10 + id samples and one metric.</summary>
    public static FakeClient Sending(int id, params float[] delta) =>
        new(id, (c, i, _) => Update(c.Id, i.Round, [.. delta]));

    /// <summary>A client that sends its new weights (global + <paramref name="delta"/>) rather than a delta.</summary>
    public static FakeClient SendingWeights(int id, params float[] delta) =>
        new(id, (c, i, _) => Update(c.Id, i.Round, [.. delta.Select((d, k) => i.Weights.Span[k] + d)], UpdateKind.Weights));

    public static ClientUpdate Update(int id, int round, float[] values, UpdateKind kind = UpdateKind.Delta) =>
        new(id, round, values, kind, 10 + id, MetricSet.Of(new Metric("train_loss", 0.5)));

    /// <summary>The instruction the orchestrator would send client <paramref name="id"/> in <paramref name="round"/>.</summary>
    public static FitInstruction Instruction(int id, float[] weights, int round = 1, long runSeed = Seeds.Run) =>
        new(round, id, weights, SeedStreams.Derive(runSeed, SeedStreams.ClientFit, id, round), FitSettings.Default);

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fitCalls);
        Instructions.Enqueue(instruction);
        return new ValueTask<ClientReply>(_fit(this, instruction, cancellationToken));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _evaluateCalls);
        return new ValueTask<ClientReply>(new ClientEvaluation(Id, instruction.Round, 1, 0.25, 0.75, MetricSet.Empty));
    }

    public IFederatedClient WithLocalDataTransform(ILocalDataTransform transform, int seed)
    {
        var features = (float[])Features.Clone();
        var labels = (int[])Labels.Clone();
        transform.Apply(features, labels, new LocalDataLayout(labels.Length, SampleShape, ClassCount), new Random(seed));
        return new FakeClient(Id, _fit, features, labels, SampleShape, ClassCount) { TransformSeed = seed };
    }

    public StateBag ExportState()
    {
        var bag = new StateBag();
        bag.SetValue("state", State);
        return bag;
    }

    public void ImportState(StateBag state) => State = state.GetValue("state");
}
