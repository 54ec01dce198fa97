using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Transport.Http.Tests;

/// <summary>
/// A deterministic client whose "training" depends on the weights and the instruction's seed, so that a
/// federation's result depends on every message arriving intact and in the right round.
/// </summary>
internal sealed class TrainingClient(int id, long samples, TimeSpan? delay = null, Func<float[], float[]>? corrupt = null) : IFederatedClient
{
    public int Id => id;

    public int Fits { get; private set; }

    public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        Fits++;
        if (delay is { } d)
        {
            await Task.Delay(d, cancellationToken);
        }

        var w = instruction.Weights.Span;
        var random = new Random(instruction.Seed);
        var delta = new float[w.Length];
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = (float)((0.1 * -w[i]) + (0.01 * (random.NextDouble() - 0.5)) + (0.001 * id));
        }

        if (corrupt is not null)
        {
            delta = corrupt(delta);
        }

        return new ClientUpdate(id, instruction.Round, delta, UpdateKind.Delta, samples, MetricSet.Of(new Metric("train_loss", w.Length > 0 ? Math.Abs(w[0]) : 0)));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ClientReply>(new ClientEvaluation(id, instruction.Round, samples, instruction.Weights.Span[0], 0.5, MetricSet.Empty));
}
