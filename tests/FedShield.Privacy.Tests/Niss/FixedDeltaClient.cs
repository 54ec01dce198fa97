using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.Tests.Niss;

/// <summary>A client whose training always yields the same delta (as a delta or as weights), so aggregates can be computed by hand.</summary>
internal sealed class FixedDeltaClient(int id, float[] delta, long samples, UpdateKind kind = UpdateKind.Delta) : IFederatedClient
{
    public int Id => id;

    public float[] Delta => delta;

    public long Samples => samples;

    public int FitCalls { get; private set; }

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        FitCalls++;
        var values = (float[])delta.Clone();
        if (kind == UpdateKind.Weights)
        {
            var w = instruction.Weights.Span;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] += w[i];
            }
        }

        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, values, kind, samples, MetricSet.Of(new Metric("train_loss", id))));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ClientReply>(new ClientEvaluation(id, instruction.Round, samples, Loss: 1, Accuracy: 0.5, MetricSet.Empty));
}
