using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.SecureAggregation;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class OrchestratorIntegrationTests
{
    private static readonly float[] Start = [0.1f, -0.2f, 0.3f, 0f, 0.5f, -0.5f, 0.25f];

    private static List<TestClient> Clients() =>
        [.. Enumerable.Range(0, 8).Select(i => new TestClient(i, 2 + (3 * i)) { Kind = UpdateKind.Weights })];

    private static async Task<(float[] Weights, IReadOnlyList<RoundRecord> Records)> RunAsync(IEnumerable<IFederatedClient> clients, SecureAggregationProtocol? protocol)
    {
        using var transport = new SimulationTransport(clients, new SimulationOptions(workers: 2));
        var strategy = Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)) with { Protocol = protocol };
        var orchestrator = new Orchestrator(transport, strategy, Start, new OrchestratorOptions(seed: 5, roundTimeout: TimeSpan.FromSeconds(60)));
        var (records, _) = await orchestrator.RunAsync(3);
        return (orchestrator.Weights.ToArray(), records);
    }

    [Theory]
    [InlineData(SecureAggregationVariant.SecAgg)]
    [InlineData(SecureAggregationVariant.SecAggPlus)]
    public async Task SecureRounds_GiveThePlainFedAvgModel_UpToTheFixedPointError(SecureAggregationVariant variant)
    {
        var plain = await RunAsync(Clients(), null);
        var options = variant == SecureAggregationVariant.SecAgg ? new SecureAggregationOptions() : new SecureAggregationOptions(variant, neighbours: 4);
        var secure = await RunAsync(Clients().Select(c => new SecureAggregationClient(c)), new SecureAggregationProtocol(options));

        Assert.All(secure.Records, r => Assert.Equal(RoundOutcome.Applied, r.Outcome));
        Assert.All(secure.Records, r => Assert.Equal(Enumerable.Range(0, 8), r.Participants));
        Assert.All(secure.Records, r => Assert.Equal(8, r.Metrics.GetOrNaN("secagg.survivors")));
        Assert.All(secure.Records, r => Assert.True(r.Traffic.Total > 0));

        // Per round: the documented bound on the mean, plus float rounding (|w| < 4) of the client's
        // weights-to-delta subtraction, of the aggregate and of the step.
        var tolerance = secure.Records.Sum(r => r.Metrics.GetOrNaN("secagg.error_bound") + (8 * (MathF.BitIncrement(4f) - 4f)));
        Assert.True(tolerance < 2e-5);
        for (var i = 0; i < Start.Length; i++)
        {
            Assert.InRange(secure.Weights[i] - plain.Weights[i], -tolerance, tolerance);
        }

        Assert.NotEqual(Start, secure.Weights);
    }

    [Fact]
    public async Task SecureRound_WithADropout_IsAppliedWithoutIt_AndTooManyDropoutsSkipTheRound()
    {
        var clients = Clients().Select(c => (IFederatedClient)new DropoutClient(new SecureAggregationClient(c), (round, stage) => stage == 2 && (c.Id == 3 || (round == 2 && c.Id < 6)))).ToList();
        var (_, records) = await RunAsync(clients, new SecureAggregationProtocol());

        Assert.Equal(RoundOutcome.Applied, records[0].Outcome);
        Assert.DoesNotContain(3, records[0].Participants);
        Assert.Equal(3, Assert.Single(records[0].Failures).ClientId);

        Assert.Equal(RoundOutcome.Skipped, records[1].Outcome);
        Assert.Contains("stage 2", records[1].Reason, StringComparison.Ordinal);
        Assert.Contains("threshold 5", records[1].Reason, StringComparison.Ordinal);
        Assert.Equal(RoundOutcome.Applied, records[2].Outcome);
    }
}
