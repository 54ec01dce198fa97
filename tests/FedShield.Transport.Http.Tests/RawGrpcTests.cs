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

    [Fact]
    public async Task Join_FieldOfTheWrongTypeOrUnknown_Refused()
    {
        await using var server = await HttpFederationServer.StartAsync(new HttpServerOptions());

        // client_id (field 1) sent as a length-delimited string instead of a varint.
        byte[] mistyped = [0x0A, 0x01, 0x31];
        var r = await PostAsync(server, "Join", [0, 0, 0, 0, (byte)mistyped.Length, .. mistyped]);
        Assert.Equal("3", r.Status);
        Assert.Contains("unknown or mistyped fields", r.Message, StringComparison.Ordinal);

        // A field number the message does not have (15, varint 1).
        byte[] unknown = [0x08, 0x02, 0x78, 0x01];
        Assert.Equal("3", (await PostAsync(server, "Join", [0, 0, 0, 0, (byte)unknown.Length, .. unknown])).Status);
    }

    [Fact]
    public async Task Calls_OverTheClientsRateLimit_RefusedWithResourceExhausted()
    {
        await using var server = await HttpFederationServer.StartAsync(new HttpServerOptions { MaxCallsPerSecond = 3 });
        var join = await PostAsync(server, "Join", Frame(new JoinRequest { ClientId = 4 }));
        var session = JoinReply.Parser.ParseFrom(join.Body.AsSpan(5).ToArray()).Session;

        var statuses = new List<string?>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await PostAsync(server, "Next", Frame(new NextRequest { ClientId = 4, Session = session, WaitMs = 0 }))).Status);
        }

        Assert.Contains("0", statuses);
        Assert.Contains("8", statuses);
    }

    [Fact]
    public async Task Answer_WrongDimensionOrStaleRound_RefusedAndTheRoundReportsTheClient()
    {
        await using var server = await HttpFederationServer.StartAsync(new HttpServerOptions());
        var join = await PostAsync(server, "Join", Frame(new JoinRequest { ClientId = 5 }));
        var session = JoinReply.Parser.ParseFrom(join.Body.AsSpan(5).ToArray()).Session;
        await server.Transport.WaitForClientsAsync(1, TimeSpan.FromSeconds(5), CancellationToken.None);

        // The server asks client 5 to train on 10 weights, twice (two rounds in flight in turn).
        async Task<Federation.Messages.ClientReply> AskAsync(int round, string status, Func<Instruction, AnswerChunk> answer)
        {
            // The transport's replies are a lazy stream: start reading it so that the instruction is sent.
            var replies = FirstAsync(server.Transport.FitAsync([new Federation.Messages.FitInstruction(round, 5, new float[10], 1, Federation.Messages.FitSettings.Default)], TimeSpan.FromSeconds(10), CancellationToken.None));
            var next = await PostAsync(server, "Next", Frame(new NextRequest { ClientId = 5, Session = session, WaitMs = 5000 }));
            var instruction = Instruction.Parser.ParseFrom(next.Body.AsSpan(5).ToArray());
            var sent = await PostAsync(server, "Answer", Frame(answer(instruction)));
            Assert.Equal(status, sent.Status);
            return await replies;
        }

        static async Task<Federation.Messages.ClientReply> FirstAsync(IAsyncEnumerable<Federation.Messages.ClientReply> replies)
        {
            await foreach (var reply in replies)
            {
                return reply;
            }

            throw new InvalidOperationException("no reply");
        }

        var wrongDimension = await AskAsync(1, "3", i => new AnswerChunk { Request = i.Request, ClientId = 5, Session = session, Round = i.Round, Update = new UpdateHeader { Delta = true, Samples = 3, Dimension = 11 }, TotalBytes = 44, Data = ByteString.CopyFrom(new byte[44]), Last = true });
        var failure = Assert.IsType<Federation.Messages.ClientFailure>(wrongDimension);
        Assert.Equal(Federation.Messages.FailureKind.Malformed, failure.Kind);
        Assert.Contains("an update of 11 values for a model of 10", failure.Reason, StringComparison.Ordinal);

        var stale = await AskAsync(2, "9", i => new AnswerChunk { Request = i.Request, ClientId = 5, Session = session, Round = 1, Update = new UpdateHeader { Delta = true, Samples = 3, Dimension = 10 }, TotalBytes = 40, Data = ByteString.CopyFrom(new byte[40]), Last = true });
        Assert.Contains("an answer for round 1 to an instruction of round 2", Assert.IsType<Federation.Messages.ClientFailure>(stale).Reason, StringComparison.Ordinal);
    }
}
