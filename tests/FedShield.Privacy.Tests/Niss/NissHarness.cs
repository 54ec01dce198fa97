using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Privacy.Niss;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.Niss;

/// <summary>
/// A federation of fixed-delta clients (ids 1..n) behind NISS clients with seeded randomness, on a
/// real in-process transport, and the server protocol with a seeded tracker.
/// </summary>
internal sealed class NissHarness : IDisposable
{
    private readonly SimulationTransport _simulation;

    public NissHarness(float[][] deltas, long[] samples, Func<int, NissOptions> clientOptions, NissOptions? serverOptions = null, IAggregator? aggregator = null, int seed = 1)
    {
        Inner = [.. deltas.Select((d, k) => new FixedDeltaClient(k + 1, d, samples[k]))];
        Randomness = [.. Inner.Select(c => new SeededNissRandomness((seed * 1000) + c.Id))];
        Clients = [.. Inner.Select((c, k) => new NissClient(c, clientOptions(c.Id), Randomness[k]))];
        _simulation = new SimulationTransport(Clients, new SimulationOptions(2));
        Transport = new InterceptingTransport(_simulation);
        var trackerRandom = new Random(seed);
        Protocol = new NissProtocol(serverOptions ?? new NissOptions(), () => new NissTracker(trackerRandom.Next));
        Aggregator = aggregator ?? new WeightedMeanAggregator();
        Dimension = deltas[0].Length;
    }

    public FixedDeltaClient[] Inner { get; }

    public SeededNissRandomness[] Randomness { get; }

    public NissClient[] Clients { get; }

    public InterceptingTransport Transport { get; }

    public NissProtocol Protocol { get; }

    public IAggregator Aggregator { get; }

    public int Dimension { get; }

    public IReadOnlyList<int> Ids => [.. Inner.Select(c => c.Id)];

    public Task<ProtocolOutcome> RunAsync(int round, int required = 1, IReadOnlyList<int>? selected = null)
    {
        var ids = selected ?? Ids;
        var weights = new float[Dimension];
        var instructions = ids.Select(id => new FitInstruction(round, id, weights, id, FitSettings.Default)).ToArray();
        var context = new ProtocolRound(round, ids, instructions, Transport, TimeSpan.FromSeconds(30), required, Aggregator, null, TimeProvider.System);
        return Protocol.RunAsync(context, CancellationToken.None);
    }

    /// <summary>Σ m_k·Δ_k / Σ m_k over <paramref name="ids"/> (all by default), in double precision.</summary>
    public double[] FedAvg(IEnumerable<int>? ids = null)
    {
        var chosen = Inner.Where(c => ids?.Contains(c.Id) ?? true).ToArray();
        var total = chosen.Sum(c => (double)c.Samples);
        var mean = new double[Dimension];
        foreach (var c in chosen)
        {
            for (var i = 0; i < Dimension; i++)
            {
                mean[i] += c.Samples * (double)c.Delta[i] / total;
            }
        }

        return mean;
    }

    /// <summary>Deltas with small, distinct entries (norm well below the default clip C = 3).</summary>
    public static float[][] SmallDeltas(int clients, int dimension) =>
        [.. Enumerable.Range(0, clients).Select(k => Enumerable.Range(0, dimension).Select(i => (float)(0.01 * Math.Sin((k + 1) * (i + 1)))).ToArray())];

    public void Dispose()
    {
        _simulation.Dispose();
        foreach (var c in Clients)
        {
            c.Dispose();
        }
    }
}
