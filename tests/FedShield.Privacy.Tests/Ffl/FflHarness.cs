using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.Ffl;
using FedShield.Privacy.Tests.Niss;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.Ffl;

/// <summary>
/// Fixed-delta clients (ids 1..n) behind FFL participants on the in-process transport, and the FFL server
/// protocol with one shared RSA-3072 key (generating one per test would dominate the run time).
/// </summary>
internal sealed class FflHarness : IDisposable
{
    private static readonly Lazy<FflServerKey> SharedKey = new(FflServerKey.Create);
    private readonly SimulationTransport _simulation;

    public FflHarness(float[][] deltas, long[] samples, FflOptions options, Func<FixedDeltaClient, FflClient>? participant = null)
    {
        Inner = [.. deltas.Select((d, k) => new FixedDeltaClient(k + 1, d, samples[k]))];
        Clients = [.. Inner.Select(c => participant?.Invoke(c) ?? new FflClient(c))];
        _simulation = new SimulationTransport(Clients, new SimulationOptions(2));
        Transport = new InterceptingTransport(_simulation);
        Protocol = new FflProtocol(options, SharedKey.Value);
        Dimension = deltas[0].Length;
    }

    public FixedDeltaClient[] Inner { get; }

    public FflClient[] Clients { get; }

    public InterceptingTransport Transport { get; }

    public FflProtocol Protocol { get; }

    public int Dimension { get; }

    public IReadOnlyList<int> Ids => [.. Inner.Select(c => c.Id)];

    public static FflServerKey Key => SharedKey.Value;

    public Task<ProtocolOutcome> RunAsync(int round, IReadOnlyList<int>? selected = null, int required = 2)
    {
        var ids = selected ?? Ids;
        var weights = new float[Dimension];
        var instructions = ids.Select(id => new FitInstruction(round, id, weights, id, FitSettings.Default)).ToArray();
        var context = new ProtocolRound(round, ids, instructions, Transport, TimeSpan.FromSeconds(60), required, new WeightedMeanAggregator(), null, TimeProvider.System);
        return Protocol.RunAsync(context, CancellationToken.None);
    }

    /// <summary>Samples the round with the protocol's own selection (Procedure 2), then runs it.</summary>
    public Task<ProtocolOutcome> RunSelectedAsync(int round, int seed = 7) =>
        RunAsync(round, Protocol.Sampler.Sample(Ids, round, new Random(seed + round)));

    /// <summary>d_k·Δ_k as the participants form it (in float), by client id.</summary>
    public float[] Scaled(int id)
    {
        var c = Inner[id - 1];
        float s = c.Samples;
        return [.. c.Delta.Select(v => v * s)];
    }

    public void Dispose()
    {
        _simulation.Dispose();
        foreach (var c in Clients)
        {
            c.Dispose();
        }

        Protocol.Dispose();
    }

    /// <summary>Deltas with distinct entries near a common direction, as honest participants' updates are.</summary>
    public static float[][] Deltas(int clients, int dimension, int seed = 3)
    {
        var random = new Random(seed);
        var common = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() - 0.5) * 0.02f).ToArray();
        return [.. Enumerable.Range(0, clients).Select(_ => common.Select(v => v + ((float)(random.NextDouble() - 0.5) * 0.004f)).ToArray())];
    }
}
