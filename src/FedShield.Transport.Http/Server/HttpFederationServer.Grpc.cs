using FedShield.Federation.Messages;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FedShield.Transport.Http.Server;

public sealed partial class HttpFederationServer
{
    /// <summary>
    /// The gRPC envelope of a call: checks the content type, runs the method, and ends with grpc-status (in the
    /// trailers after a body, in the headers of a trailers-only response otherwise). A failure of the caller's
    /// making is logged and answered with its status; nothing a client sends can take the server down.
    /// </summary>
    private async Task Call(HttpContext context, string method, Func<HttpContext, Task> body)
    {
        Transport.Counters.Call(method);
        var response = context.Response;
        if (context.Request.ContentType is not { } type || !type.StartsWith(GrpcFrames.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            Transport.Counters.Reject("content_type");
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        response.ContentType = GrpcFrames.ContentType;
        try
        {
            await body(context).ConfigureAwait(false);
            Finish(response, GrpcStatusCode.Ok, null);
        }
        catch (GrpcException ex)
        {
            Transport.Counters.Reject(ex.Status.ToString());
            if (_log.IsEnabled(LogLevel.Warning))
            {
                LogRefused(_log, method, context.Connection.RemoteIpAddress, ex.Status, ex.Message);
            }

            Finish(response, ex.Status, ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (IOException ex)
        {
            Transport.Counters.Reject("io");
            if (_log.IsEnabled(LogLevel.Warning))
            {
                LogRefused(_log, method, context.Connection.RemoteIpAddress, GrpcStatusCode.Cancelled, ex.Message);
            }
        }
    }

    private static void Finish(HttpResponse response, GrpcStatusCode status, string? message)
    {
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.HasStarted)
        {
            response.AppendTrailer("grpc-status", code);
            if (message is not null)
            {
                response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
            }
        }
        else
        {
            response.Headers["grpc-status"] = code;
            if (message is not null)
            {
                response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            }
        }
    }

    private async Task<T> ReadOneAsync<T>(HttpContext context, Google.Protobuf.MessageParser<T> parser)
        where T : class, Google.Protobuf.IMessage<T>
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(Transport.Options.ReadTimeout);
        var message = await GrpcFrames.ReadAsync(context.Request.Body, parser, Transport.Options.MaxMessageBytes, Encoding(context), timeout.Token).ConfigureAwait(false)
            ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, $"the request carries no {typeof(T).Name}");
        Transport.Counters.In(message.CalculateSize() + GrpcFrames.HeaderBytes);
        return message;
    }

    private static string? Encoding(HttpContext context) =>
        context.Request.Headers.TryGetValue("grpc-encoding", out var e) ? e.ToString() : null;

    private async Task JoinAsync(HttpContext context)
    {
        var request = await ReadOneAsync(context, JoinRequest.Parser).ConfigureAwait(false);
        var certificate = context.Connection.ClientCertificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var session = Transport.Join(request.ClientId, request.Token, certificate);
        LogJoined(_log, request.ClientId, context.Connection.RemoteIpAddress);

        await Write(context, new JoinReply { Session = session.Id, ChunkBytes = Transport.Options.ChunkBytes, MaxMessageBytes = Transport.Options.MaxMessageBytes }).ConfigureAwait(false);
    }

    private async Task NextAsync(HttpContext context)
    {
        var request = await ReadOneAsync(context, NextRequest.Parser).ConfigureAwait(false);
        var session = Transport.Session(request.ClientId, request.Session);
        var wait = TimeSpan.FromMilliseconds(Math.Clamp(request.WaitMs, 0, (int)Transport.Options.MaxPollWait.TotalMilliseconds));
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        poll.CancelAfter(wait);
        IReadOnlyList<Instruction>? chunks = null;
        try
        {
            if (await session.Mailbox.Reader.WaitToReadAsync(poll.Token).ConfigureAwait(false))
            {
                session.Mailbox.Reader.TryRead(out chunks);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Nothing within the wait: an empty stream tells the client to poll again.
        }

        if (chunks is null)
        {
            return;
        }

        try
        {
            foreach (var chunk in chunks)
            {
                await Write(context, chunk).ConfigureAwait(false);
            }
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left mid-instruction: hand it to the next poll rather than lose it.
            session.Mailbox.Writer.TryWrite(chunks);
            throw;
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var chunks = new List<AnswerChunk>();
        long received = 0;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            timeout.CancelAfter(Transport.Options.ReadTimeout);
            while (await GrpcFrames.ReadAsync(context.Request.Body, AnswerChunk.Parser, Transport.Options.MaxMessageBytes, Encoding(context), timeout.Token).ConfigureAwait(false) is { } chunk)
            {
                received += chunk.CalculateSize() + GrpcFrames.HeaderBytes;
                if (received > Transport.Options.MaxPayloadBytes + Transport.Options.MaxMessageBytes)
                {
                    throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"an answer of more than {Transport.Options.MaxPayloadBytes} bytes");
                }

                chunks.Add(chunk);
            }
        }

        Transport.Counters.In(received);
        if (chunks.Count == 0)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "an answer with no chunks");
        }

        var first = chunks[0];
        var session = Transport.Session(first.ClientId, first.Session);
        if (!session.Pending.TryRemove(first.Request, out var asked))
        {
            throw new GrpcException(GrpcStatusCode.NotFound, $"client {first.ClientId} answered request {first.Request}, which is unknown, answered already or past its round's timeout");
        }

        ClientReply reply;
        try
        {
            reply = AnswerCodec.Decode(chunks, asked, Transport.Options.MaxPayloadBytes);
        }
        catch (GrpcException ex)
        {
            // The round learns that this client sent garbage; the call reports why.
            asked.Reply.TrySetResult(new ClientFailure(asked.ClientId, asked.Round, FailureKind.Malformed, $"malformed answer: {ex.Message}") { Traffic = new Traffic(asked.SentBytes, received) });
            throw;
        }

        asked.Reply.TrySetResult(reply with { Traffic = new Traffic(asked.SentBytes, received) });
        await Write(context, new AnswerAck { Accepted = true }).ConfigureAwait(false);
    }

    private async Task Write(HttpContext context, Google.Protobuf.IMessage message)
    {
        await GrpcFrames.WriteAsync(context.Response.Body, message, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        Transport.Counters.Out(message.CalculateSize() + GrpcFrames.HeaderBytes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused {Method} from {Remote}: {Status} {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, System.Net.IPAddress? remote, GrpcStatusCode status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "client {ClientId} joined from {Remote}")]
    private static partial void LogJoined(ILogger logger, int clientId, System.Net.IPAddress? remote);
}
