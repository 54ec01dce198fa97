using FedShield.Federation.Transport;
using FedShield.Transport.Http.Client;

namespace FedShield.Transport.Http.Tests;

/// <summary>Client links to one address, running in the background, that outlive any one server there.</summary>
internal sealed class ClientLinks : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(2));
    private readonly RemoteClient[] _links;

    public ClientLinks(Uri address, IEnumerable<IFederatedClient> clients)
    {
        var list = clients.ToArray();
        _links = [.. list.Select(c => new RemoteClient(address, c.Id, null, LoopbackFederation.FastClient))];
        Runs = [.. list.Select((c, i) => Task.Run(() => _links[i].RunAsync(c, _stop.Token)))];
    }

    public CancellationToken Token => _stop.Token;

    public Task<string>[] Runs { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var link in _links)
        {
            link.Dispose();
        }

        _stop.Dispose();
    }
}
