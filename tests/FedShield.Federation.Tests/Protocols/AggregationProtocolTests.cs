using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;

namespace FedShield.Federation.Tests.Protocols;

public class AggregationProtocolTests
{
    private static readonly float[] Start = [0f, 0f, 0f];

    private static Strategy FedAvg => Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1));

    private static List<FakeClient> Clients(int n) => [.. Enumerable.Range(0, n).Select(i => new FakeClient(i, target: i, samples: i + 1))];

    [Fact]
    public async Task RunRound_ClearSumProtocol_SameModelAsPlainFedAvg()
    {
        var plain = new Orchestrator(new SequentialTransport(Clients(4)), FedAvg, Start, new OrchestratorOptions(seed: 3));
        var viaProtocol = new Orchestrator(
            new SequentialTransport(Clients(4).Select(c => new ClearSumParticipant(c)), reverse: true),
            FedAvg with { Protocol = new ClearSumProtocol() },
            Start,
            new OrchestratorOptions(seed: 3));

        for (var r = 0; r < 2; r++)
        {
            var a = await plain.RunRoundAsync(false);
            var b = await viaProtocol.RunRoundAsync(false);
            Assert.Equal(RoundOutcome.Applied, b.Outcome);
            Assert.Equal(a.Participants, b.Participants);
            Assert.Equal(4, b.Metrics.GetOrNaN("clear_sum.participants"));
            Assert.All(b.ClientTraffic, t => Assert.True(t.Traffic.Sent > 12 && t.Traffic.Received > 12));
        }

        Assert.Equal(plain.Weights.ToArray(), viaProtocol.Weights.ToArray());
    }

    [Fact]
    public void Constructor_ProtocolRefusesAggregator_ThrowsNamingBoth()
    {
        var strategy = FedAvg with { Protocol = new ClearSumProtocol { Refuse = "it hides the updates" } };
        var ex = Assert.Throws<ArgumentException>(() => new Orchestrator(new SequentialTransport(Clients(2)), strategy, Start, new OrchestratorOptions(seed: 1)));
        Assert.Contains("weighted-mean", ex.Message, StringComparison.Ordinal);
        Assert.Contains("clear-sum", ex.Message, StringComparison.Ordinal);
        Assert.Contains("it hides the updates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRound_ProtocolDoesNotComplete_SkipsWithItsReasonAndKeepsModel()
    {
        var orchestrator = new Orchestrator(
            new SequentialTransport(Clients(3).Select(c => new ClearSumParticipant(c))),
            FedAvg with { Protocol = new ClearSumProtocol { SkipReason = "only 1 of 3 survived, threshold 2" } },
            Start,
            new OrchestratorOptions(seed: 1));
        var record = await orchestrator.RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Contains("only 1 of 3 survived, threshold 2", record.Reason, StringComparison.Ordinal);
        Assert.Equal(Start, orchestrator.Weights.ToArray());
    }

    [Fact]
    public async Task RunRound_ClientsNotProtocolParticipants_FailuresAndSkipped()
    {
        var orchestrator = new Orchestrator(new SequentialTransport(Clients(3)), FedAvg with { Protocol = new ClearSumProtocol() }, Start, new OrchestratorOptions(seed: 1));
        var record = await orchestrator.RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Equal(3, record.Failures.Count);
        Assert.Equal(Start, orchestrator.Weights.ToArray());
    }

    [Fact]
    public async Task RunRound_FewerParticipantsThanRequired_Skipped()
    {
        var clients = Clients(4);
        clients[1].Override = i => new ClientFailure(1, i.Round, FailureKind.Error, "battery empty");
        clients[2].Override = i => new ClientFailure(2, i.Round, FailureKind.Error, "battery empty");
        var orchestrator = new Orchestrator(
            new SequentialTransport(clients.Select(c => new ClearSumParticipant(c))),
            FedAvg with { Protocol = new ClearSumProtocol() },
            Start,
            new OrchestratorOptions(seed: 1, minReplyFraction: 0.75));
        var record = await orchestrator.RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Contains("2 of 4", record.Reason, StringComparison.Ordinal);
        Assert.Equal(2, record.Failures.Count);
    }
}
