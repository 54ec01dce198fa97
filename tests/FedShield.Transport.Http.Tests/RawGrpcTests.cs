using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Server;
using FedShield.Transport.Http.Wire;
using Google.Protobuf;

namespace FedShield.Transport.Http.Tests;

/// <summary>Hand-made requests: what a broken or hostile client can send, and what the server answers.</summary>
public sealed class RawGrpcTests
{
    private static async Task<(HttpStatusCode Http, string? Status, string? Message, byte[] Body)> PostAsync(HttpFederationServer server, string method, byte[] body, string contentType = "application/grpc")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/fedshield.v1.Federation/" + method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        string? Find(string name) => response.TrailingHeaders.TryGetValues(name, out var t) ? t.First() : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return (response.StatusCode, Find("grpc-status"), Find("grpc-message") is { } m ? Uri.UnescapeDataString(m) : null, bytes);
    }

    private static byte[] Frame(IMessage message) => GrpcFrames.Frame(message);

    [Fact]
    public async Task Calls_MalformedOversizedUnknownOrWrongType_RefusedWithTheirStatusAndTheServerStillServes()
    {
        await using var server = await HttpFederationServer.StartAsync(new HttpServerOptions { MaxMessageBytes = 4096, ChunkBytes = 1024 });

        // Truncated framing: a header promising 100 bytes, 3 sent.
        var truncated = new byte[] { 0, 0, 0, 0, 100, 1, 2, 3 };
        var r = await PostAsync(server, "Join", truncated);
        Assert.Equal(("3", HttpStatusCode.OK), (r.Status, r.Http));
        Assert.Contains("truncated", r.Message, StringComparison.Ordinal);

        // Bytes that are not a JoinRequest.
        var junk = new byte[] { 0, 0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF };
        Assert.Equal("3", (await PostAsync(server, "Join", junk)).Status);

        // Over the message limit: refused from the header alone.
        var huge = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(huge.AsSpan(1), 1 << 20);
        r = await PostAsync(server, "Join", huge);
        Assert.Equal("8", r.Status);
        Assert.Contains("exceeds the limit", r.Message, StringComparison.Ordinal);

        // A method the service does not have, and a body that is not gRPC.
        Assert.Equal("12", (await PostAsync(server, "Train", Frame(new JoinRequest { ClientId = 1 }))).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(server, "Join", Frame(new JoinRequest { ClientId = 1 }), "application/json")).Http);

        // A poll for a session that does not exist.
        r = await PostAsync(server, "Next", Frame(new NextRequest { ClientId = 1, Session = "forged", WaitMs = 10 }));
        Assert.Equal("5", r.Status);

        // After all that, a well-formed join works.
        r = await PostAsync(server, "Join", Frame(new JoinRequest { ClientId = 1 }));
        Assert.Equal("0", r.Status);
        var reply = JoinReply.Parser.ParseFrom(r.Body.AsSpan(5).ToArray());
        Assert.Equal(1024, reply.ChunkBytes);
        Assert.False(string.IsNullOrEmpty(reply.Session));
    }

    [Fact]
    public async Task Answer_ReplayedOrForOtherRequests_Refused()
    {
        await using var net = await LoopbackFederation.StartAsync();
        var server = net.Server;
        var join = await PostAsync(server, "Join", Frame(new JoinRequest { ClientId = 9 }));
        var session = JoinReply.Parser.ParseFrom(join.Body.AsSpan(5).ToArray()).Session;

        // An answer to a request the server never made.
        var answer = new AnswerChunk { Request = 12345, ClientId = 9, Session = session, Round = 1, Evaluation = new EvaluationHeader { Samples = 1 }, Last = true };
        var r = await PostAsync(server, "Answer", Frame(answer));
        Assert.Equal("5", r.Status);
        Assert.Contains("unknown, answered already", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthAndMetrics_AfterAFewCalls_ReportClientsAndCounters()
    {
        await using var net = await LoopbackFederation.StartAsync();
        net.Connect(new TrainingClient(1, 10));
        await net.Server.Transport.WaitForClientsAsync(1, TimeSpan.FromSeconds(20), CancellationToken.None);
        await PostAsync(net.Server, "Join", [0, 0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF]);

        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var health = await http.GetStringAsync(new Uri(net.Server.Address, "/health"));
        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Contains("\"clients\":1", health, StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri(net.Server.Address, "/metrics"));
        Assert.Contains("fedshield_clients_available 1", metrics, StringComparison.Ordinal);
        Assert.Contains("fedshield_calls_total{method=\"Join\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("fedshield_rejected_total{reason=\"InvalidArgument\"} 1", metrics, StringComparison.Ordinal);
    }
}
