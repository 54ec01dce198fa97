using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Federation.Tests;

/// <summary>
/// A client whose "training" is a deterministic function of its instruction: it moves every weight
/// towards its own target plus seeded noise, so aggregation results can be computed by hand.
/// </summary>
internal sealed class FakeClient(int id, float target, long samples = 10) : IFederatedClient
{
    public int Id => id;

    public Func<FitInstruction, ClientReply>? Override { get; set; }

    public List<FitInstruction> Received { get; } = [];

    public UpdateKind Kind { get; set; } = UpdateKind.Delta;

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        lock (Received)
        {
            Received.Add(instruction);
        }

        if (Override is { } o)
        {
            return ValueTask.FromResult(o(instruction));
        }

        var w = instruction.Weights.Span;
        var random = new Random(instruction.Seed);
        var values = new float[w.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var moved = w[i] + (0.5f * (target - w[i])) + (0.01f * (float)random.NextDouble());
            values[i] = Kind == UpdateKind.Delta ? moved - w[i] : moved;
        }

        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, values, Kind, samples, MetricSet.Of(new Metric("train_loss", target))));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ClientReply>(new ClientEvaluation(id, instruction.Round, samples, Loss: target, Accuracy: 0.5, MetricSet.Empty));
}
