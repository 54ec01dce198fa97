using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Benchmarks;

/// <summary>
/// A participant's training for the FFL benchmark, done in no time: every fit answers a fresh copy of a
/// fixed delta with sample count 1 and no metrics. The copy is needed because <c>FflClient</c> zeroes
/// the update it has scaled (the receiver owns it).
/// </summary>
/// <param name="id">The client's id.</param>
/// <param name="delta">Its delta (read only).</param>
internal sealed class FflBenchmarkClient(int id, float[] delta) : IFederatedClient
{
    public int Id => id;

    /// <summary>
    /// <paramref name="clients"/> deltas of length <paramref name="d"/> near one common direction, as honest
    /// participants' updates are: a common vector uniform in ±0.01 plus noise uniform in ±0.002 per client.
    /// </summary>
    public static float[][] Deltas(int clients, int d, int seed)
    {
        var random = new Random(seed);
        var common = new float[d];
        for (var i = 0; i < d; i++)
        {
            common[i] = (float)(random.NextDouble() - 0.5) * 0.02f;
        }

        var deltas = new float[clients][];
        for (var k = 0; k < clients; k++)
        {
            deltas[k] = new float[d];
            for (var i = 0; i < d; i++)
            {
                deltas[k][i] = common[i] + ((float)(random.NextDouble() - 0.5) * 0.004f);
            }
        }

        return deltas;
    }

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, (float[])delta.Clone(), UpdateKind.Delta, 1, MetricSet.Empty));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientFailure(id, instruction.Round, FailureKind.Error, "a benchmark client has no validation data"));
    }
}
