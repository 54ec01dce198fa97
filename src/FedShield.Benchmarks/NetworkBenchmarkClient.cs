using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Benchmarks;

/// <summary>
/// A client of the network load test that trains in no time: every fit answers a fresh copy of its own
/// fixed delta (values uniform in ±0.005 from the seed and the id) with sample count 1, so that what is
/// measured is the transport and the round machinery.
/// </summary>
internal sealed class NetworkBenchmarkClient : IFederatedClient
{
    private readonly float[] _delta;

    /// <summary>Creates client <paramref name="id"/> with a delta of <paramref name="dimension"/> floats.</summary>
    public NetworkBenchmarkClient(int id, int dimension, int seed)
    {
        Id = id;
        var random = new Random(unchecked((seed * 7919) + id));
        _delta = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            _delta[i] = (float)(random.NextDouble() - 0.5) * 0.01f;
        }
    }

    public int Id { get; }

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientUpdate(Id, instruction.Round, (float[])_delta.Clone(), UpdateKind.Delta, 1, MetricSet.Empty));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientFailure(Id, instruction.Round, FailureKind.Error, "a benchmark client has no validation data"));
    }
}
