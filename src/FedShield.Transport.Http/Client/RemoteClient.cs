using FedShield.Federation.Messages;
using FedShield.Federation.Transport;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedShield.Transport.Http.Client;

/// <summary>
/// A client process's link to its server: joins with its id and token, long-polls for instructions, runs
/// them on the local client (the same <see cref="IFederatedClient"/> a simulation uses, or an
/// <see cref="IProtocolParticipant"/>) and sends the answers back. When the server is unreachable or has
/// forgotten the session (a restart), it reconnects by itself with exponential back-off.
/// </summary>
public sealed partial class RemoteClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly GrpcCaller _grpc;
    private readonly int _clientId;
    private readonly string _token;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private string? _session;
    private int _chunkBytes = 1 << 20;

    /// <summary>Creates the link.</summary>
    /// <param name="server">The server's address.</param>
    /// <param name="clientId">This client's id.</param>
    /// <param name="token">Its token from the participant registry (empty for an open server).</param>
    /// <param name="options">Timeouts and limits.</param>
    /// <param name="handler">The HTTP handler (e.g. with a client certificate or a CA to trust); null for the default.</param>
    /// <param name="time">The clock for back-off.</param>
    /// <param name="logger">Where to log.</param>
    public RemoteClient(Uri server, int clientId, string? token, RemoteClientOptions? options = null, HttpMessageHandler? handler = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        Options = options ?? new RemoteClientOptions();
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = Options.PollWait + Options.CallTimeout;
        _grpc = new GrpcCaller(_http, server, Options.MaxMessageBytes, Options.Compress);
        _clientId = clientId;
        _token = token ?? string.Empty;
        _time = time ?? TimeProvider.System;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>The options.</summary>
    public RemoteClientOptions Options { get; }

    /// <summary>Instructions answered so far.</summary>
    public int Answered { get; private set; }

    /// <summary>Serves <paramref name="local"/> until the server says the federation is over; returns its reason.</summary>
    /// <exception cref="GrpcException">The server refuses this client (unknown, wrong token, revoked).</exception>
    /// <exception cref="TimeoutException">The server stayed unreachable for <see cref="RemoteClientOptions.GiveUpAfter"/>.</exception>
    public async Task<string> RunAsync(IFederatedClient local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        var backoff = Options.InitialBackoff;
        long? unreachableSince = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                _session ??= await JoinAsync(cancellationToken).ConfigureAwait(false);
                var instruction = await NextAsync(cancellationToken).ConfigureAwait(false);
                unreachableSince = null;
                backoff = Options.InitialBackoff;
                if (instruction is null)
                {
                    continue;
                }

                if (instruction.Stop is { } reason)
                {
                    return reason;
                }

                var reply = await RunOnAsync(local, instruction, cancellationToken).ConfigureAwait(false);
                await AnswerAsync(instruction.Request, reply, cancellationToken).ConfigureAwait(false);
                Answered++;
            }
            catch (GrpcException ex) when (ex.Status is GrpcStatusCode.Unauthenticated or GrpcStatusCode.PermissionDenied)
            {
                throw;
            }
            catch (GrpcException ex) when (ex.Status == GrpcStatusCode.NotFound && ex.Message.Contains("join again", StringComparison.Ordinal))
            {
                // The server no longer knows this session (it restarted): join again at once.
                _session = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or GrpcException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                unreachableSince ??= _time.GetTimestamp();
                if (Options.GiveUpAfter is { } limit && _time.GetElapsedTime(unreachableSince.Value) > limit)
                {
                    throw new TimeoutException($"the server stayed unreachable for {limit.TotalSeconds:0} s: {ex.Message}", ex);
                }

                LogRetry(_log, _clientId, backoff.TotalSeconds, ex.Message);
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Options.MaxBackoff.Ticks));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<string> JoinAsync(CancellationToken cancellationToken)
    {
        var reply = (await _grpc.CallAsync("Join", [new JoinRequest { ClientId = _clientId, Token = _token }], JoinReply.Parser, cancellationToken).ConfigureAwait(false)).Single();
        _chunkBytes = Math.Max(1, reply.ChunkBytes);
        LogJoined(_log, _clientId);
        return reply.Session;
    }

    private async Task<RemoteInstruction?> NextAsync(CancellationToken cancellationToken)
    {
        var chunks = await _grpc.CallAsync(
            "Next",
            [new NextRequest { ClientId = _clientId, Session = _session!, WaitMs = (int)Options.PollWait.TotalMilliseconds }],
            Instruction.Parser,
            cancellationToken).ConfigureAwait(false);
        return chunks.Count == 0 ? null : InstructionCodec.Decode(chunks, _clientId, Options.MaxPayloadBytes);
    }

    private static async Task<ClientReply> RunOnAsync(IFederatedClient local, RemoteInstruction instruction, CancellationToken cancellationToken)
    {
        if (instruction.Fit is { } fit)
        {
            return await local.FitAsync(fit, cancellationToken).ConfigureAwait(false);
        }

        if (instruction.Evaluate is { } evaluate)
        {
            return await local.EvaluateAsync(evaluate, cancellationToken).ConfigureAwait(false);
        }

        var message = instruction.Protocol!;
        return local is IProtocolParticipant participant
            ? await participant.HandleAsync(message, cancellationToken).ConfigureAwait(false)
            : new ClientFailure(local.Id, message.Round, FailureKind.Error, $"client {local.Id} runs no round protocol, but the server sent '{message.Protocol}' stage {message.Stage}");
    }

    private async Task AnswerAsync(long request, ClientReply reply, CancellationToken cancellationToken)
    {
        var chunks = AnswerCodec.Encode(request, _clientId, _session!, reply, _chunkBytes);
        await _grpc.CallAsync("Answer", chunks, AnswerAck.Parser, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "client {ClientId} joined")]
    private static partial void LogJoined(ILogger logger, int clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "client {ClientId}: retrying in {Seconds} s after: {Reason}")]
    private static partial void LogRetry(ILogger logger, int clientId, double seconds, string reason);
}
