using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.Ffl;
using FedShield.Privacy.Niss;
using FedShield.Privacy.SecureAggregation;
using FedShield.Simulation;

namespace FedShield.Transport.Http.Tests;

/// <summary>The privacy protocols run unchanged over the network, dropouts included.</summary>
public sealed class PrivacyOverNetworkTests
{
    private static readonly float[] Initial = [.. Enumerable.Range(0, 400).Select(i => (float)Math.Sin(0.1 * i))];

    private static async Task<Orchestrator> OverNetworkAsync(LoopbackFederation net, IEnumerable<IFederatedClient> clients, Strategy strategy, OrchestratorOptions options)
    {
        var list = clients.ToList();
        foreach (var c in list)
        {
            net.Connect(c);
        }

        await net.Server.Transport.WaitForClientsAsync(list.Count, TimeSpan.FromSeconds(20), CancellationToken.None);
        return net.Orchestrator(strategy, Initial, options);
    }

    [Fact]
    public async Task SecureAggregation_ClientSilentAfterSharingKeys_RecoveredExactlyAsInTheSimulation()
    {
        var options = new OrchestratorOptions(6, minReplies: 3, roundTimeout: TimeSpan.FromSeconds(3));
        Strategy Strategy() => Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)) with { Protocol = new SecureAggregationProtocol(new SecureAggregationOptions(maxWeight: 100)) };
        SecureAggregationClient Wrap(int id) => new(new TrainingClient(id, 10 * id));

        // Simulation: client 5 drops at the masked-input stage.
        using var simulation = new SimulationTransport(
            [.. Enumerable.Range(1, 4).Select(id => (IFederatedClient)Wrap(id)), DropoutClient.AtStage(Wrap(5), SecureAggregationStage.MaskedInputCollection)],
            new SimulationOptions(2));
        var reference = new Orchestrator(simulation, Strategy(), Initial, options);
        var expected = await reference.RunRoundAsync(false);

        // Network: client 5's link goes silent at the same stage; the round's timeout turns it into a dropout.
        await using var net = await LoopbackFederation.StartAsync();
        var orchestrator = await OverNetworkAsync(
            net,
            [.. Enumerable.Range(1, 4).Select(id => (IFederatedClient)Wrap(id)), new HangingParticipant(Wrap(5), stage => stage == (int)SecureAggregationStage.MaskedInputCollection)],
            Strategy(),
            options);
        var record = await orchestrator.RunRoundAsync(false);

        Assert.Equal(RoundOutcome.Applied, expected.Outcome);
        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal([1, 2, 3, 4], record.Participants);
        Assert.Contains(record.Failures, f => f.ClientId == 5);
        Assert.Equal(reference.Weights.ToArray(), orchestrator.Weights.ToArray());
    }

    [Fact]
    public async Task Niss_TauZero_OverTheNetworkAggregatesLikeFedAvg()
    {
        var options = new OrchestratorOptions(7, roundTimeout: TimeSpan.FromSeconds(20));
        var niss = new NissOptions(tau: 0, clipNorm: 100, noiseStd: 0.05);
        using var simulation = new SimulationTransport([.. Enumerable.Range(1, 4).Select(id => (IFederatedClient)new TrainingClient(id, 10))], new SimulationOptions(1));
        var plain = new Orchestrator(simulation, Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)), Initial, options);
        await plain.RunRoundAsync(false);

        await using var net = await LoopbackFederation.StartAsync();
        var orchestrator = await OverNetworkAsync(
            net,
            Enumerable.Range(1, 4).Select(id => (IFederatedClient)new NissClient(new TrainingClient(id, 10), niss)),
            Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)) with { Protocol = new NissProtocol(niss) },
            options);
        var record = await orchestrator.RunRoundAsync(false);

        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.True(record.Metrics.TryGet("niss.shares", out var shares) && shares > 0);

        // The shares' noise (std 0.05 per client) cancels: what is left is float rounding.
        var a = plain.Weights.ToArray();
        var b = orchestrator.Weights.ToArray();
        Assert.All(a.Zip(b), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-5, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public async Task Ffl_ParticipantSilentMidExchange_ItsPairIsDroppedAndTheOtherPairsAggregate()
    {
        var options = new OrchestratorOptions(9, minReplies: 2, roundTimeout: TimeSpan.FromSeconds(3));
        using var key = FflServerKey.Create();
        var ffl = new FflOptions(1.0, reputation: false, matchingSeed: 3);

        // Participant 6 answers its training but goes silent at its first exchange stage (accept or mix).
        await using var net = await LoopbackFederation.StartAsync();
        var netProtocol = new FflProtocol(ffl, key);
        var orchestrator = await OverNetworkAsync(
            net,
            [.. Enumerable.Range(1, 5).Select(id => (IFederatedClient)new FflClient(new TrainingClient(id, 10))), new HangingParticipant(new FflClient(new TrainingClient(6, 10)), stage => stage is 2 or 3)],
            Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)) with { Sampler = netProtocol.Sampler, Protocol = netProtocol },
            options);
        var record = await orchestrator.RunRoundAsync(false);

        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal(4, record.Participants.Count);
        Assert.DoesNotContain(6, record.Participants);
        Assert.Contains(record.Failures, f => f.ClientId == 6);
        Assert.True(record.Metrics.TryGet("ffl.pairs", out var pairs) && pairs == 2);
    }
}
