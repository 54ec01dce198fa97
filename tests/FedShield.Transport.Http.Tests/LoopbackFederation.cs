using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Transport.Http.Client;
using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Tests;

/// <summary>A server on 127.0.0.1 (a free port) and client links running in the background, all stopped on dispose.</summary>
internal sealed class LoopbackFederation : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(2));
    private readonly List<RemoteClient> _links = [];

    private LoopbackFederation(HttpFederationServer server) => Server = server;

    public HttpFederationServer Server { get; }

    public List<Task<string>> Runs { get; } = [];

    public static async Task<LoopbackFederation> StartAsync(HttpServerOptions? options = null) =>
        new(await HttpFederationServer.StartAsync(options ?? new HttpServerOptions()));

    public static RemoteClientOptions FastClient { get; } = new()
    {
        PollWait = TimeSpan.FromMilliseconds(500),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        GiveUpAfter = TimeSpan.FromSeconds(20),
    };

    /// <summary>Connects <paramref name="client"/> with its own link.</summary>
    public RemoteClient Connect(IFederatedClient client, string? token = null, RemoteClientOptions? options = null)
    {
        var link = new RemoteClient(Server.Address, client.Id, token, options ?? FastClient);
        _links.Add(link);
        Runs.Add(Task.Run(() => link.RunAsync(client, _stop.Token)));
        return link;
    }

    public Orchestrator Orchestrator(Strategy strategy, float[] initial, OrchestratorOptions options) =>
        new(Server.Transport, strategy, initial, options);

    public async ValueTask DisposeAsync()
    {
        Server.Transport.Stop("test over");
        await Task.WhenAny(Task.WhenAll(Runs), Task.Delay(TimeSpan.FromSeconds(5)));
        await _stop.CancelAsync();
        foreach (var link in _links)
        {
            link.Dispose();
        }

        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
