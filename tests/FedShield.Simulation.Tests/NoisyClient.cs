using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Simulation.Tests;

/// <summary>
/// A client doing a little seeded float work (several noisy gradient-like steps with a per-client
/// momentum kept across rounds), enough for scheduling order to matter if anything leaked.
/// </summary>
internal sealed class NoisyClient(int id) : IFederatedClient, ICheckpointable
{
    private float[]? _momentum;

    public int Id => id;

    public Func<FitInstruction, CancellationToken, ClientReply>? Behaviour { get; set; }

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        if (Behaviour is { } b)
        {
            return ValueTask.FromResult(b(instruction, cancellationToken));
        }

        var random = new Random(instruction.Seed);
        var w = instruction.Weights.ToArray();
        _momentum ??= new float[w.Length];
        for (var step = 0; step < 20; step++)
        {
            for (var i = 0; i < w.Length; i++)
            {
                var grad = (w[i] - (id % 3)) + ((float)random.NextDouble() - 0.5f);
                _momentum[i] = (0.9f * _momentum[i]) + grad;
                w[i] -= 0.05f * _momentum[i];
            }
        }

        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, w, UpdateKind.Weights, 10 + id, MetricSet.Of(new Metric("train_loss", w[0]))));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ClientReply>(new ClientEvaluation(id, instruction.Round, 5, 1.0, 0.5, MetricSet.Empty));

    public StateBag ExportState()
    {
        var bag = new StateBag();
        if (_momentum is not null)
        {
            bag.SetArray("momentum", _momentum);
        }

        return bag;
    }

    public void ImportState(StateBag state) =>
        _momentum = state.TryGetArray("momentum", out var m) ? (float[])m.Clone() : null;
}
