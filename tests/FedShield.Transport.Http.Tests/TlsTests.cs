using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Transport.Http.Client;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Tests;

public sealed class TlsTests
{
    private static readonly float[] Initial = [.. Enumerable.Range(0, 200).Select(i => (float)Math.Cos(i))];

    [Fact]
    public async Task Https_ClientsByCertificateAndByToken_CompleteARoundAndImpostorsAreRefused()
    {
        using var serverCert = TestCertificates.Server();
        using var aliceCert = TestCertificates.Client("alice");
        using var malloryCert = TestCertificates.Client("mallory");
        var registry = new Dictionary<int, string> { [1] = HttpTransport.CertificatePrefix + TestCertificates.Fingerprint(aliceCert), [2] = "bob-token" };
        await using var server = await HttpFederationServer.StartAsync(new HttpServerOptions { Listen = new Uri("https://127.0.0.1:0"), Certificate = serverCert, Tokens = registry });
        Assert.Equal("https", server.Address.Scheme);

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var options = LoopbackFederation.FastClient with { GiveUpAfter = TimeSpan.FromSeconds(3) };
        using var alice = new RemoteClient(server.Address, 1, null, options, TestCertificates.Handler(serverCert, aliceCert));
        using var bob = new RemoteClient(server.Address, 2, "bob-token", options, TestCertificates.Handler(serverCert));
        using var mallory = new RemoteClient(server.Address, 1, null, options, TestCertificates.Handler(serverCert, malloryCert));
        using var noCert = new RemoteClient(server.Address, 1, null, options, TestCertificates.Handler(serverCert));
        using var distrustful = new RemoteClient(server.Address, 2, "bob-token", options, new SocketsHttpHandler());
        var runs = new[] { alice.RunAsync(new TrainingClient(1, 10), stop.Token), bob.RunAsync(new TrainingClient(2, 10), stop.Token) };

        Assert.Equal(GrpcStatusCode.Unauthenticated, (await Assert.ThrowsAsync<GrpcException>(() => mallory.RunAsync(new TrainingClient(1, 10), stop.Token))).Status);
        var missing = await Assert.ThrowsAsync<GrpcException>(() => noCert.RunAsync(new TrainingClient(1, 10), stop.Token));
        Assert.Contains("must present its client certificate", missing.Message, StringComparison.Ordinal);

        // A client that does not trust the server's certificate never gets through the handshake.
        await Assert.ThrowsAsync<TimeoutException>(() => distrustful.RunAsync(new TrainingClient(2, 10), stop.Token));

        await server.Transport.WaitForClientsAsync(2, TimeSpan.FromSeconds(20), stop.Token);
        var orchestrator = new Orchestrator(server.Transport, Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)), Initial, new OrchestratorOptions(3, roundTimeout: TimeSpan.FromSeconds(20)));
        var record = await orchestrator.RunRoundAsync(false);
        Assert.Equal([1, 2], record.Participants);

        server.Transport.Stop("done");
        Assert.All(await Task.WhenAll(runs), r => Assert.Equal("done", r));
    }
}
