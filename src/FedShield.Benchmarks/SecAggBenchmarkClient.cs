using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Benchmarks;

/// <summary>
/// A client with no training cost for the privacy benchmarks: every fit answers a fresh copy of one
/// shared random delta, rotated by the client's id so that clients differ, with sample count 1.
/// The copy is needed because protocol clients zero the update they mask (the receiver owns it).
/// </summary>
/// <param name="id">The client's id.</param>
/// <param name="baseDelta">The shared delta (read only).</param>
internal sealed class SecAggBenchmarkClient(int id, float[] baseDelta) : IFederatedClient
{
    // A prime stride, so that the rotations of clients 0..n−1 are distinct for any d it does not divide.
    private const int Stride = 7919;

    public int Id => id;

    /// <summary>Client <paramref name="clientId"/>'s delta: the base rotated left by (id · 7919) mod d.</summary>
    public static void DeltaOf(int clientId, ReadOnlySpan<float> baseDelta, Span<float> destination)
    {
        var d = baseDelta.Length;
        var shift = (int)((long)clientId * Stride % d);
        baseDelta[shift..].CopyTo(destination);
        baseDelta[..shift].CopyTo(destination[(d - shift)..]);
    }

    /// <summary>A delta of <paramref name="d"/> values uniform in [−0.5, 0.5), from <paramref name="seed"/>.</summary>
    public static float[] RandomDelta(int d, int seed)
    {
        var random = new Random(seed);
        var values = new float[d];
        for (var i = 0; i < d; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var values = new float[baseDelta.Length];
        DeltaOf(id, baseDelta, values);
        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, values, UpdateKind.Delta, 1, MetricSet.Empty));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientFailure(id, instruction.Round, FailureKind.Error, "a benchmark client has no validation data"));
    }
}
