using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Simulation;
using FedShield.Transport.Http.Client;
using FedShield.Transport.Http.Edge;
using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Tests;

/// <summary>Devices behind an edge aggregator, the edge behind the cloud server: the seed papers' hierarchy.</summary>
public sealed class EdgeTests
{
    private static readonly float[] Initial = [.. Enumerable.Range(0, 700).Select(i => (float)Math.Sin(0.3 * i))];

    private static Strategy FedAvg() => Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1));

    [Fact]
    public async Task Hierarchy_DevicesEdgeAndCloudAsSeparateServers_EqualsTheSameHierarchyInProcess()
    {
        var options = new OrchestratorOptions(12, roundTimeout: TimeSpan.FromSeconds(30), clientEvaluationFraction: 1);
        var edgeOptions = new EdgeOptions(TimeSpan.FromSeconds(20));

        // In process: three devices behind edge 100, device 4 directly under the cloud.
        using var localDevices = new SimulationTransport([.. Enumerable.Range(1, 3).Select(id => (IFederatedClient)new TrainingClient(id, 10 * id))], new SimulationOptions(1));
        using var localCloud = new SimulationTransport([new EdgeAggregator(100, localDevices, edgeOptions), new TrainingClient(4, 25)], new SimulationOptions(1));
        var reference = new Orchestrator(localCloud, FedAvg(), Initial, options);
        var expected = await reference.RunAsync(3);

        // Over the network: the edge is a server for its devices and a client of the cloud.
        await using var cloud = await LoopbackFederation.StartAsync();
        await using var edgeServer = await HttpFederationServer.StartAsync(new HttpServerOptions());
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var devices = Enumerable.Range(1, 3).Select(id => (Link: new RemoteClient(edgeServer.Address, id, null, LoopbackFederation.FastClient), Client: new TrainingClient(id, 10 * id))).ToArray();
        var deviceRuns = devices.Select(d => Task.Run(() => d.Link.RunAsync(d.Client, stop.Token))).ToArray();
        try
        {
            await edgeServer.Transport.WaitForClientsAsync(3, TimeSpan.FromSeconds(20), stop.Token);
            cloud.Connect(new EdgeAggregator(100, edgeServer.Transport, edgeOptions));
            cloud.Connect(new TrainingClient(4, 25));
            await cloud.Server.Transport.WaitForClientsAsync(2, TimeSpan.FromSeconds(20), stop.Token);
            var orchestrator = cloud.Orchestrator(FedAvg(), Initial, options);
            var (records, _) = await orchestrator.RunAsync(3);

            Assert.All(records, r => Assert.Equal([4, 100], r.Participants));
            Assert.Equal(reference.Weights.ToArray(), orchestrator.Weights.ToArray());
            Assert.Equal(expected.Records[^1].Evaluation?.Loss, records[^1].Evaluation?.Loss);

            // The edge weighs in with its devices' 60 samples against device 4's 25.
            var traffic = records[0].ClientTraffic.Single(c => c.ClientId == 100);
            Assert.True(traffic.Traffic.Received >= Initial.Length * 4, "the edge sent one update upstream");
            edgeServer.Transport.Stop("done");
            Assert.All(await Task.WhenAll(deviceRuns), reason => Assert.Equal("done", reason));
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var (link, _) in devices)
            {
                link.Dispose();
            }
        }
    }

    [Fact]
    public async Task Fit_TooFewDevicesConnected_FailsWithTheReason()
    {
        await using var empty = await HttpFederationServer.StartAsync(new HttpServerOptions());
        var edge = new EdgeAggregator(7, empty.Transport, new EdgeOptions(TimeSpan.FromSeconds(1), MinReplies: 2));

        var reply = await edge.FitAsync(new Federation.Messages.FitInstruction(1, 7, Initial, 3, Federation.Messages.FitSettings.Default), CancellationToken.None);

        var failure = Assert.IsType<Federation.Messages.ClientFailure>(reply);
        Assert.Contains("0 device(s) connected and needs 2", failure.Reason, StringComparison.Ordinal);
    }
}
