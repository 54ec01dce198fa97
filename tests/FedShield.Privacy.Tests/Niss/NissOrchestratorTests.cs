using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.Niss;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.Niss;

public class NissOrchestratorTests
{
    private static readonly long[] Samples = [5, 15, 25, 35];

    [Fact]
    public async Task Orchestrator_WithNissAtTauZero_TrainsLikePlainFedAvg()
    {
        const int d = 24;
        var deltas = NissHarness.SmallDeltas(4, d);
        var plain = await RunAsync(deltas, protocol: null, wrap: c => c);
        var options = new NissOptions(noiseStd: 0.3, tau: 0);
        var niss = await RunAsync(deltas, new NissProtocol(options), c => new NissClient(c, options, new SeededNissRandomness(c.Id)));

        for (var i = 0; i < d; i++)
        {
            Assert.InRange(niss.Weights[i] - plain.Weights[i], -1e-5f, 1e-5f);
        }

        var last = niss.Records[^1];
        Assert.Equal(RoundOutcome.Applied, last.Outcome);
        Assert.Equal([1, 2, 3, 4], last.Participants);
        Assert.Equal(4, last.Metrics.GetOrNaN("niss.uploaded"));
        Assert.Equal(0.3, last.Metrics.GetOrNaN("niss.noise_std"), 12);
        Assert.Equal(plain.Records[^1].Metrics.GetOrNaN("train_loss"), last.Metrics.GetOrNaN("train_loss"), 12);
        Assert.All(last.ClientTraffic, t => Assert.True(t.Traffic.Received > 4 * d));
    }

    [Fact]
    public async Task Orchestrator_WithNissAtTauOne_MovesTheModelByTheNoise()
    {
        var deltas = NissHarness.SmallDeltas(4, 24);
        var plain = await RunAsync(deltas, protocol: null, wrap: c => c);
        var options = new NissOptions(noiseStd: 0.3, tau: 1);
        var niss = await RunAsync(deltas, new NissProtocol(options), c => new NissClient(c, options, new SeededNissRandomness(c.Id)));

        // Three rounds of noise of variance 4·0.09 each: the weights differ by about 1.08 per coordinate
        // (seeded; the bounds are well over three standard deviations of a 24-coordinate mean square).
        var meanSquare = Enumerable.Range(0, 24).Average(i => Math.Pow(niss.Weights[i] - plain.Weights[i], 2));
        Assert.InRange(meanSquare, 0.2, 3.5);
    }

    [Fact]
    public void Orchestrator_RefusesNissWithAnAggregatorThatNeedsEachUpdate()
    {
        using var transport = new SimulationTransport([new FixedDeltaClient(1, [0f], 1)]);
        var strategy = Strategies.FedAvg(UniformSampler.WithCount(1)) with { Aggregator = new FirstUpdate(), Protocol = new NissProtocol(new NissOptions()) };
        var ex = Assert.Throws<ArgumentException>(() => new Orchestrator(transport, strategy, [0f], new OrchestratorOptions(1)));
        Assert.Contains("noisy sum", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<(float[] Weights, IReadOnlyList<RoundRecord> Records)> RunAsync(float[][] deltas, NissProtocol? protocol, Func<FixedDeltaClient, IFederatedClient> wrap)
    {
        var clients = deltas.Select((delta, k) => wrap(new FixedDeltaClient(k + 1, delta, Samples[k]))).ToArray();
        using var transport = new SimulationTransport(clients, new SimulationOptions(2));
        var strategy = Strategies.FedAvg(UniformSampler.WithCount(clients.Length)) with { Protocol = protocol };
        var orchestrator = new Orchestrator(transport, strategy, new float[deltas[0].Length], new OrchestratorOptions(seed: 3, roundTimeout: TimeSpan.FromSeconds(30)));
        var (records, _) = await orchestrator.RunAsync(3);
        foreach (var c in clients.OfType<IDisposable>())
        {
            c.Dispose();
        }

        return (orchestrator.Weights.ToArray(), records);
    }

    private sealed class FirstUpdate : IAggregator
    {
        public string Name => "first";

        public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => AggregationResult.Of(updates[0].Values);
    }
}
