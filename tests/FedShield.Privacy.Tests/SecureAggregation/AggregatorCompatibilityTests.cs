using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Privacy.SecureAggregation;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class AggregatorCompatibilityTests
{
    private static readonly SecureAggregationProtocol Protocol = new();

    [Theory]
    [InlineData("median")]
    [InlineData("krum")]
    [InlineData("trimmed-mean")]
    public void Incompatibility_AggregatorNeedingEachUpdate_IsExplained(string name) =>
        Assert.Equal($"secure aggregation reveals only the sum of the updates, but aggregator '{name}' needs each client's update", Protocol.Incompatibility(new NeedsEachUpdate(name)));

    [Fact]
    public void Incompatibility_SummableWithoutASumForm_IsExplained() =>
        Assert.Contains("aggregator 'norm-bounding' needs each client's update", Protocol.Incompatibility(new NoSumForm()), StringComparison.Ordinal);

    [Fact]
    public void Incompatibility_MeansAndFixedBoundClipping_AreAccepted()
    {
        Assert.Null(Protocol.Incompatibility(new WeightedMeanAggregator()));
        Assert.Null(Protocol.Incompatibility(new WeightedMeanAggregator { Unweighted = true }));
        Assert.Null(Protocol.Incompatibility(new CapturingAggregator(new SumForm(0.5, true), "norm-bounding")));
    }

    [Fact]
    public void Orchestrator_RefusesAnAggregatorTheProtocolCannotCompute()
    {
        using var transport = new SimulationTransport([new SecureAggregationClient(new TestClient(0, 1))]);
        var strategy = new Strategy("krum", UniformSampler.WithFraction(1), new NeedsEachUpdate("krum"), new ServerSgd(), Federation.Messages.FitSettings.Default) { Protocol = Protocol };
        var ex = Assert.Throws<ArgumentException>(() => new Orchestrator(transport, strategy, new float[3], new OrchestratorOptions(seed: 1)));
        Assert.Contains("needs each client's update", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AggregatorWithoutSumForm_AbortsBeforeContactingClients()
    {
        using var h = new SecAggHarness(3, new SecureAggregationOptions(), aggregator: new NoSumForm());
        var outcome = await h.RunAsync();
        Assert.Null(outcome.Aggregation);
        Assert.Contains("needs each client's update", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Empty(h.Transport.Messages);
    }

    [Fact]
    public async Task RunAsync_FixedNormBound_GivesTheMeanOfL2ClippedUpdates()
    {
        // Deltas of norm ≈ 1.1–2.0 on d = 6, clipped by each client to 0.5 before encoding.
        var aggregator = new CapturingAggregator(new SumForm(0.5, WeightBySamples: true), "norm-bounding");
        using var h = new SecAggHarness(6, new SecureAggregationOptions(), aggregator: aggregator);
        var outcome = await h.RunAsync();

        var expected = new double[h.Dimension];
        double total = 0;
        foreach (var c in h.Honest)
        {
            var x = c.DeltaFor(1, h.Dimension);
            var norm = Math.Sqrt(x.Sum(v => (double)v * v));
            Assert.True(norm > 0.5);
            for (var i = 0; i < x.Length; i++)
            {
                expected[i] += c.Samples * x[i] * 0.5 / norm;
            }

            total += c.Samples;
        }

        var bound = outcome.Metrics.GetOrNaN("secagg.error_bound");
        Assert.Equal(total, aggregator.TotalWeight);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange((aggregator.WeightedSum![i] / total) - (expected[i] / total), -bound, bound);
        }

        // The clip norm tightened the range (c_eff = min(c, M) = 0.5), so the scale doubled.
        Assert.Equal(2 * new RoundParameters(SecureAggregationVariant.SecAgg, 6, 32, 1, 1000, null, true, 6, 0).Scale, outcome.Metrics.GetOrNaN("secagg.scale"), 6);
    }

    [Fact]
    public async Task RunAsync_UnweightedMean_CountsEachSurvivorOnce()
    {
        var aggregator = new CapturingAggregator(new SumForm(null, WeightBySamples: false));
        using var h = new SecAggHarness(5, new SecureAggregationOptions(), (id, _, s) => id == 1 && s == 2, aggregator: aggregator);
        await h.RunAsync();
        Assert.Equal(4, aggregator.TotalWeight);
        Assert.Equal(h.ExpectedSum([0, 2, 3, 4]), h.Revealed);
    }
}
