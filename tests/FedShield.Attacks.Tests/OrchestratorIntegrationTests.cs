using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;

namespace FedShield.Attacks.Tests;

public class OrchestratorIntegrationTests
{
    /// <summary>
    /// Ten honest fakes whose delta depends on their id and on the seed of their instruction, so a
    /// coalition that trained a client with another instruction than the orchestrator's would be seen.
    /// </summary>
    private static FakeClient[] Clients() =>
        [.. Enumerable.Range(0, 10).Select(id => new FakeClient(id, (c, i, _) =>
        {
            Thread.Sleep(1);
            return FakeClient.Update(c.Id, i.Round, [0.01f * (c.Id + 1), 0.001f * (i.Seed % 97), -0.02f]);
        }))];

    private static async Task<(float[] Weights, IReadOnlyList<RoundRecord> Records, FakeClient[] Fakes)> RunAsync(IAttack attack, int workers)
    {
        var fakes = Clients();
        var ids = fakes.Select(f => f.Id).ToArray();
        var malicious = MaliciousClients.Choose(ids, MaliciousClients.CountFor(ids.Length, 0.3), Seeds.Run);
        var deployed = AttackDeployment.Deploy(fakes, attack, malicious, Seeds.Run);
        var orchestrator = new Orchestrator(
            new ThreadedTransport(deployed.Clients, workers),
            Strategies.FedAvg(UniformSampler.WithCount(6)),
            new float[3],
            new OrchestratorOptions(Seeds.Run),
            observer: deployed.Coalition);

        var (records, _) = await orchestrator.RunAsync(4);
        return (orchestrator.Weights.ToArray(), records, fakes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Alie_UnderTheOrchestrator_EveryClientTrainsOncePerSelectedRound_AndTheResultIsIndependentOfWorkers(bool omniscient)
    {
        var (weights, records, fakes) = await RunAsync(new LittleIsEnoughAttack(omniscient, z: 1), workers: 4);

        Assert.Equal(4, records.Count);
        foreach (var record in records)
        {
            Assert.Equal(RoundOutcome.Applied, record.Outcome);
            Assert.Empty(record.Failures);
            Assert.Equal(record.Selected, record.Participants);
        }

        foreach (var fake in fakes)
        {
            var rounds = fake.Instructions.Select(i => i.Round).Order().ToArray();
            var selectedIn = records.Where(r => r.Selected.Contains(fake.Id)).Select(r => r.Round).ToArray();
            Assert.Equal(selectedIn, rounds);
        }

        var (sequential, _, _) = await RunAsync(new LittleIsEnoughAttack(omniscient, z: 1), workers: 1);
        Assert.Equal(sequential, weights);
    }

    [Fact]
    public async Task SignFlip_UnderTheOrchestrator_PullsTheAverageBackwards()
    {
        var (honest, _, _) = await RunAsync(new ScalingAttack(1), workers: 2);
        var (attacked, _, _) = await RunAsync(new SignFlipAttack(), workers: 2);

        // Coordinate 2: every honest delta is −0.02; the flipped members send +0.02 instead.
        Assert.Equal(-0.08f, honest[2], 1e-5f);
        Assert.True(attacked[2] > honest[2] + 0.01f, $"attacked {attacked[2]}, honest {honest[2]}");
    }
}
