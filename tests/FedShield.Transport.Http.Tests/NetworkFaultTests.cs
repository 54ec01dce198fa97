using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Simulation;
using FedShield.Transport.Http.Client;
using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Tests;

/// <summary>Clients and servers that die and come back; the federation completes and nothing is lost.</summary>
public sealed class NetworkFaultTests
{
    private static readonly float[] Initial = [.. Enumerable.Range(0, 500).Select(i => (float)Math.Cos(i))];

    private static Strategy FedAvg(int count) => Federation.Strategies.Strategies.FedAvg(UniformSampler.WithCount(count));

    [Fact]
    public async Task Server_KilledAfterACheckpointAndRestarted_ClientsReconnectAndTheResultEqualsAnUninterruptedRun()
    {
        var options = new OrchestratorOptions(seed: 8, roundTimeout: TimeSpan.FromSeconds(30));
        IFederatedClient[] Clients() => [.. Enumerable.Range(1, 3).Select(id => new TrainingClient(id, 5 * id))];
        using var simulation = new SimulationTransport(Clients(), new SimulationOptions(1));
        var reference = new Orchestrator(simulation, FedAvg(2), Initial, options);
        await reference.RunAsync(4);

        var first = await HttpFederationServer.StartAsync(new HttpServerOptions());
        var address = first.Address;
        await using var links = new ClientLinks(address, Clients());
        var runs = links.Runs;
        await first.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), links.Token);
        var before = new Orchestrator(first.Transport, FedAvg(2), Initial, options);
        await before.RunAsync(2);
        var checkpoint = before.ExportState();

        // The server dies; its clients find nobody and keep retrying.
        await first.DisposeAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        await using var second = await HttpFederationServer.StartAsync(new HttpServerOptions { Listen = address });
        await second.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), links.Token);
        var after = new Orchestrator(second.Transport, FedAvg(2), Initial, options);
        after.ImportState(checkpoint);
        var (records, _) = await after.RunAsync(4);

        Assert.Equal([3, 4], records.Select(r => r.Round));
        Assert.All(records, r => Assert.Equal(RoundOutcome.Applied, r.Outcome));
        Assert.Equal(reference.Weights.ToArray(), after.Weights.ToArray());
        second.Transport.Stop("done");
        Assert.All(await Task.WhenAll(runs), reason => Assert.Equal("done", reason));
    }

    [Fact]
    public async Task Server_KilledMidRound_RestartedFromTheLastCheckpointRedoesThatRound()
    {
        var options = new OrchestratorOptions(seed: 13, roundTimeout: TimeSpan.FromSeconds(30));
        IFederatedClient[] Clients() => [new TrainingClient(1, 5), new TrainingClient(2, 7), new TrainingClient(3, 9, delay: TimeSpan.FromSeconds(1))];
        using var simulation = new SimulationTransport(Clients(), new SimulationOptions(1));
        var reference = new Orchestrator(simulation, FedAvg(3), Initial, options);
        await reference.RunAsync(3);

        var first = await HttpFederationServer.StartAsync(new HttpServerOptions());
        var address = first.Address;
        await using var links = new ClientLinks(address, Clients());
        var runs = links.Runs;
        await first.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), links.Token);
        var before = new Orchestrator(first.Transport, FedAvg(3), Initial, options);
        await before.RunRoundAsync(false, links.Token);
        var checkpoint = before.ExportState();

        // Round 2 is under way (client 3 is still training) when the server dies.
        using var killed = CancellationTokenSource.CreateLinkedTokenSource(links.Token);
        var interrupted = before.RunRoundAsync(false, killed.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await killed.CancelAsync();
        await first.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);

        await using var second = await HttpFederationServer.StartAsync(new HttpServerOptions { Listen = address });
        await second.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), links.Token);
        var after = new Orchestrator(second.Transport, FedAvg(3), Initial, options);
        after.ImportState(checkpoint);
        var (records, _) = await after.RunAsync(3, cancellationToken: links.Token);

        Assert.Equal([2, 3], records.Select(r => r.Round));
        Assert.All(records, r => Assert.Equal([1, 2, 3], r.Participants));
        Assert.Equal(reference.Weights.ToArray(), after.Weights.ToArray());
        second.Transport.Stop("done");
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task Client_KilledMidRoundThenBack_RoundCompletesWithoutItAndItRejoinsTheNext()
    {
        await using var net = await LoopbackFederation.StartAsync();
        net.Connect(new TrainingClient(1, 10));
        net.Connect(new TrainingClient(2, 10));
        using var dying = new CancellationTokenSource();
        var victim = new TrainingClient(3, 10, delay: TimeSpan.FromSeconds(1));
        using var link = new RemoteClient(net.Server.Address, 3, null, LoopbackFederation.FastClient);
        var victimRun = Task.Run(() => link.RunAsync(victim, dying.Token));
        await net.Server.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), CancellationToken.None);

        var orchestrator = net.Orchestrator(FedAvg(3), Initial, new OrchestratorOptions(3, minReplies: 2, roundTimeout: TimeSpan.FromSeconds(4)));
        var round = orchestrator.RunRoundAsync(false);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await dying.CancelAsync();
        var record = await round;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => victimRun);

        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal([1, 2], record.Participants);
        Assert.Equal(FailureKind.Timeout, Assert.Single(record.Failures).Kind);

        // The process comes back: a new link for the same id joins and takes part again.
        net.Connect(new TrainingClient(3, 10));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var next = await orchestrator.RunRoundAsync(false);
        Assert.Equal([1, 2, 3], next.Participants);
    }
}
