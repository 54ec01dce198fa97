using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Privacy.DifferentialPrivacy;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

/// <summary>The DP pieces in a real round loop over the in-process transport.</summary>
public class DpFederationTests
{
    [Fact]
    public async Task CentralDp_WithAccountingAndBudget_StopsAtTheLastAffordableRound()
    {
        const int clients = 10, perRound = 5;
        const double z = 1.0, delta = 1e-5;
        var dp = new CentralDpOptions(ClipNorm: 1, NoiseMultiplier: z, ExpectedClients: perRound);
        var accounting = PrivacyAccountingOptions.For(dp, clients, delta);

        // The ε after t rounds, by an accountant of its own; the budget sits between rounds 4 and 5.
        var expected = new double[8];
        var reference = new RdpAccountant();
        for (var t = 1; t < expected.Length; t++)
        {
            reference.AddSampledGaussian(0.5, z);
            expected[t] = reference.GetEpsilon(delta).Epsilon;
        }

        var budget = (expected[4] + expected[5]) / 2;
        using var transport = new SimulationTransport(Enumerable.Range(0, clients).Select(i => new FixedClient(i, [1f, -1f, 0.5f])), new SimulationOptions(2));
        using var aggregator = new CentralDpAggregator(dp, DpTesting.Noise(9));
        var strategy = new Strategy("dp-fedavg", UniformSampler.WithCount(perRound), aggregator, new ServerSgd(), FitSettings.Default);
        var metric = new PrivacyAccountingMetric(accounting);
        var orchestrator = new Orchestrator(transport, strategy, new float[3], new OrchestratorOptions(seed: 3), roundMetrics: [metric]);

        var (records, reason) = await orchestrator.RunAsync(50, new PrivacyBudget(metric, budget));

        Assert.Equal(4, records.Count);
        Assert.Contains("privacy budget", reason, StringComparison.Ordinal);
        for (var t = 1; t <= 4; t++)
        {
            var m = records[t - 1].Metrics;
            Assert.Equal(RoundOutcome.Applied, records[t - 1].Outcome);
            Assert.Equal(expected[t], m.GetOrNaN("privacy.epsilon"), 12);
            Assert.Equal(delta, m.GetOrNaN("privacy.delta"));
            Assert.Equal(t, m.GetOrNaN("privacy.steps"));
            Assert.Equal(5, m.GetOrNaN("dp.clipped"));
            Assert.Equal(1.0, m.GetOrNaN("dp.noise_std"));
        }

        Assert.True(metric.Spent.Epsilon <= budget);

        // Each round moves the model by 5 clipped deltas over qN = 5 plus noise of std zS/qN = 0.2.
        var clippedDirection = new[] { 1 / 1.5, -1 / 1.5, 0.5 / 1.5 };
        var weights = orchestrator.Weights.ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(weights[i], (4 * clippedDirection[i]) - 2, (4 * clippedDirection[i]) + 2);
        }
    }

    [Fact]
    public async Task LocalDp_Clients_UploadClippedNoisyDeltas_ToPlainFedAvg()
    {
        var options = new LocalDpOptions(ClipNorm: 0.5, NoiseStd: 0);
        var clients = Enumerable.Range(0, 4).Select(i => new LocalDpClient(new FixedClient(i, [3f, 4f], UpdateKind.Weights), options, DpTesting.Noise((byte)i))).ToArray();
        using var transport = new SimulationTransport(clients, new SimulationOptions(1));
        var orchestrator = new Orchestrator(transport, Strategies.FedAvg(UniformSampler.WithCount(4)), new float[2], new OrchestratorOptions(seed: 1));
        var record = await orchestrator.RunRoundAsync(evaluate: false);

        // Weights (3, 4) from the zero model: delta norm 5, clipped to 0.5 → (0.3, 0.4).
        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal(0.3f, orchestrator.Weights.Span[0], 1e-6f);
        Assert.Equal(0.4f, orchestrator.Weights.Span[1], 1e-6f);
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }
}
