using System.Net;

namespace FedShield.Data.Tests.Sources;

/// <summary>An HTTP handler serving fixed bodies per URL (404 otherwise) and recording requests: downloads tested offline.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);

    public List<string> Requests { get; } = [];

    public void Serve(string url, byte[] body) => _bodies[url] = body;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string url = request.RequestUri!.ToString();
        Requests.Add(url);
        var response = _bodies.TryGetValue(url, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
        return Task.FromResult(response);
    }
}
