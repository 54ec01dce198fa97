using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Simulation;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Tests;

public sealed class NetworkFederationTests
{
    private static readonly float[] Initial = [.. Enumerable.Range(0, 3000).Select(i => (float)Math.Sin(i))];

    private static Strategy FedAvg(int count) => Federation.Strategies.Strategies.FedAvg(UniformSampler.WithCount(count));

    [Fact]
    public async Task Rounds_OverLoopbackHttp2_EqualTheSimulationBitForBit()
    {
        var options = new OrchestratorOptions(seed: 5, roundTimeout: TimeSpan.FromSeconds(30), evaluateEvery: 1, clientEvaluationFraction: 0.5);
        IFederatedClient[] Clients() => [.. Enumerable.Range(1, 5).Select(id => new TrainingClient(id, 10 * id))];

        using var simulation = new SimulationTransport(Clients(), new SimulationOptions(2));
        var reference = new Orchestrator(simulation, FedAvg(3), Initial, options);
        await reference.RunAsync(4);

        // Small chunks so that every instruction and update crosses the wire in several pieces.
        await using var net = await LoopbackFederation.StartAsync(new HttpServerOptions { ChunkBytes = 4096 });
        // Clients 1 and 3 compress what they send (gzip), the others do not.
        foreach (var client in Clients())
        {
            net.Connect(client, options: LoopbackFederation.FastClient with { Compress = client.Id % 2 == 1 });
        }

        await net.Server.Transport.WaitForClientsAsync(5, TimeSpan.FromSeconds(20), CancellationToken.None);
        var remote = net.Orchestrator(FedAvg(3), Initial, options);
        var (records, _) = await remote.RunAsync(4);

        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(RoundOutcome.Applied, r.Outcome));
        Assert.Equal(reference.Weights.ToArray(), remote.Weights.ToArray());
        Assert.All(records, r => Assert.True(r.Traffic.Sent > 3L * Initial.Length * 4, $"round {r.Round} sent {r.Traffic.Sent} bytes"));
    }

    [Fact]
    public async Task Join_UnknownOrWrongTokenOrRevoked_RefusedAndTheFederationGoesOn()
    {
        var tokens = new Dictionary<int, string> { [1] = "alpha", [2] = "beta", [3] = "gamma" };
        await using var net = await LoopbackFederation.StartAsync(new HttpServerOptions { Tokens = tokens, Revoked = new HashSet<int> { 3 } });
        net.Connect(new TrainingClient(1, 10), "alpha");
        net.Connect(new TrainingClient(2, 10), "beta");
        var wrong = net.Connect(new TrainingClient(4, 10), "alpha");
        var badToken = net.Connect(new TrainingClient(2, 10), "not-beta");
        var revoked = net.Connect(new TrainingClient(3, 10), "gamma");

        var unknown = await Assert.ThrowsAsync<GrpcException>(() => net.Runs[2]);
        Assert.Equal(GrpcStatusCode.Unauthenticated, unknown.Status);
        Assert.Contains("not in the participant registry", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(GrpcStatusCode.Unauthenticated, (await Assert.ThrowsAsync<GrpcException>(() => net.Runs[3])).Status);
        Assert.Equal(GrpcStatusCode.PermissionDenied, (await Assert.ThrowsAsync<GrpcException>(() => net.Runs[4])).Status);

        await net.Server.Transport.WaitForClientsAsync(2, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.Equal([1, 2], net.Server.Transport.AvailableClients);
        var (records, _) = await net.Orchestrator(FedAvg(2), Initial, new OrchestratorOptions(1, roundTimeout: TimeSpan.FromSeconds(30))).RunAsync(1);
        Assert.Equal(RoundOutcome.Applied, records[0].Outcome);
    }

    [Fact]
    public async Task Round_ClientPastTheTimeoutAndClientSendingNaN_ReportedAndTheOthersAggregate()
    {
        await using var net = await LoopbackFederation.StartAsync();
        net.Connect(new TrainingClient(1, 10));
        net.Connect(new TrainingClient(2, 10));
        net.Connect(new TrainingClient(3, 10, delay: TimeSpan.FromSeconds(30)));
        net.Connect(new TrainingClient(4, 10, corrupt: d => { d[7] = float.NaN; return d; }));
        await net.Server.Transport.WaitForClientsAsync(4, TimeSpan.FromSeconds(20), CancellationToken.None);

        var orchestrator = net.Orchestrator(FedAvg(4), Initial, new OrchestratorOptions(2, minReplies: 2, roundTimeout: TimeSpan.FromSeconds(3)));
        var record = await orchestrator.RunRoundAsync(false);

        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal([1, 2], record.Participants);
        var late = Assert.Single(record.Failures, f => f.ClientId == 3);
        Assert.Equal(FailureKind.Timeout, late.Kind);
        var bad = Assert.Single(record.Failures, f => f.ClientId == 4);
        Assert.Contains("NaN", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_JoiningLate_TakesPartFromTheNextRound()
    {
        await using var net = await LoopbackFederation.StartAsync();
        net.Connect(new TrainingClient(1, 10));
        net.Connect(new TrainingClient(2, 10));
        await net.Server.Transport.WaitForClientsAsync(2, TimeSpan.FromSeconds(20), CancellationToken.None);
        var orchestrator = net.Orchestrator(Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)), Initial, new OrchestratorOptions(4, roundTimeout: TimeSpan.FromSeconds(20)));

        var first = await orchestrator.RunRoundAsync(false);
        net.Connect(new TrainingClient(3, 10));
        await net.Server.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), CancellationToken.None);
        var second = await orchestrator.RunRoundAsync(false);

        Assert.Equal([1, 2], first.Participants);
        Assert.Equal([1, 2, 3], second.Participants);
    }
}
