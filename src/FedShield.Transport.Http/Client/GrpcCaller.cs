using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using FedShield.Transport.Http.Grpc;

namespace FedShield.Transport.Http.Client;

/// <summary>gRPC calls over <see cref="HttpClient"/> on HTTP/2: framed request body, framed response, grpc-status.</summary>
internal sealed class GrpcCaller(HttpClient http, Uri server, int maxMessageBytes, bool compress = false)
{
    public async Task<List<TResponse>> CallAsync<TResponse>(string method, IEnumerable<IMessage> requests, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        var body = new MemoryStream();
        foreach (var r in requests)
        {
            body.Write(compress ? GrpcFrames.CompressedFrame(r) : GrpcFrames.Frame(r));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/fedshield.v1.Federation/" + method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcFrames.ContentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (compress)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new GrpcException(GrpcStatusCode.Unavailable, $"{method}: HTTP {(int)response.StatusCode}");
        }

        var messages = new List<TResponse>();
        var encoding = response.Headers.TryGetValues("grpc-encoding", out var e) ? e.FirstOrDefault() : null;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        while (await GrpcFrames.ReadAsync(stream, parser, maxMessageBytes, encoding, cancellationToken).ConfigureAwait(false) is { } message)
        {
            messages.Add(message);
        }

        var (status, text) = Status(response);
        return status == GrpcStatusCode.Ok ? messages : throw new GrpcException(status, $"{method}: {text}");
    }

    private static (GrpcStatusCode Status, string Message) Status(HttpResponseMessage response)
    {
        string? Find(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.FirstOrDefault()
            : response.Headers.TryGetValues(name, out var h) ? h.FirstOrDefault() : null;
        var code = Find("grpc-status");
        if (code is null || !int.TryParse(code, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return (GrpcStatusCode.Internal, "the response has no grpc-status");
        }

        return ((GrpcStatusCode)n, Uri.UnescapeDataString(Find("grpc-message") ?? string.Empty));
    }
}
