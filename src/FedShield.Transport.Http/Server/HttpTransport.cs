using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;
using FedShield.Transport.Http.Grpc;
using FedShield.Transport.Http.Wire;

namespace FedShield.Transport.Http.Server;

/// <summary>
/// The server side of the network transport: the orchestrator's <see cref="ITransport"/> over clients that
/// joined an <see cref="HttpFederationServer"/>. Each instruction goes into the client's mailbox, which the
/// client drains by long polls; the transport yields answers as they arrive, and a failure for a client that
/// is not connected or does not answer within the round's timeout.
/// </summary>
public sealed class HttpTransport : ITransport
{
    /// <summary>A registry credential that names a client certificate by its SHA-256 fingerprint.</summary>
    public const string CertificatePrefix = "cert:";

    private readonly ConcurrentDictionary<int, ClientSession> _sessions = new();
    private readonly TimeProvider _time;
    private long _nextRequest;

    internal HttpTransport(HttpServerOptions options, TimeProvider time, ServerCounters counters)
    {
        Options = options;
        _time = time;
        Counters = counters;
    }

    /// <summary>The server's options.</summary>
    public HttpServerOptions Options { get; }

    internal ServerCounters Counters { get; }

    /// <summary>Clients with a session that polled within <see cref="HttpServerOptions.Liveness"/>, in id order.</summary>
    public IReadOnlyList<int> AvailableClients =>
        [.. _sessions.Values.Where(s => _time.GetElapsedTime(s.LastSeen) <= Options.Liveness).Select(s => s.ClientId).Order()];

    /// <summary>Waits until at least <paramref name="count"/> clients are available.</summary>
    /// <exception cref="TimeoutException">Fewer joined within <paramref name="timeout"/>.</exception>
    public async Task WaitForClientsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        while (AvailableClients.Count < count)
        {
            if (_time.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"{AvailableClients.Count} of the {count} expected clients joined within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var shared = new WeightChunks(Options.ChunkBytes);
        return SendAll(
            instructions.Select(i => (i.ClientId, i.Round, (Func<long, (IReadOnlyList<Instruction>, PendingRequest)>)(r => Request(r, i.ClientId, i.Round, RequestKind.Fit, i.Weights.Length, null, 0, InstructionCodec.Encode(r, i, shared.Of(i.Weights)))))),
            timeout,
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var shared = new WeightChunks(Options.ChunkBytes);
        return SendAll(
            instructions.Select(i => (i.ClientId, i.Round, (Func<long, (IReadOnlyList<Instruction>, PendingRequest)>)(r => Request(r, i.ClientId, i.Round, RequestKind.Evaluate, i.Weights.Length, null, 0, InstructionCodec.Encode(r, i, shared.Of(i.Weights)))))),
            timeout,
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAll(
            messages.Select(m => (m.ClientId, m.Round, (Func<long, (IReadOnlyList<Instruction>, PendingRequest)>)(r => Request(r, m.ClientId, m.Round, RequestKind.Protocol, 0, m.Protocol, m.Stage, InstructionCodec.Encode(r, m, Options.ChunkBytes))))),
            timeout,
            cancellationToken);

    /// <summary>Tells every joined client that the federation is over.</summary>
    public void Stop(string reason)
    {
        foreach (var s in _sessions.Values)
        {
            s.Mailbox.Writer.TryWrite(InstructionCodec.EncodeStop(Interlocked.Increment(ref _nextRequest), reason));
        }
    }

    /// <summary>Opens a session for a client that presents a valid token; a client that joins again replaces its old session.</summary>
    internal ClientSession Join(int clientId, string token, string? certificateFingerprint = null)
    {
        if (clientId < 0)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"client id {clientId}; expected a non-negative id");
        }

        if (Options.Tokens is { } tokens)
        {
            if (!tokens.TryGetValue(clientId, out var expected))
            {
                throw new GrpcException(GrpcStatusCode.Unauthenticated, $"client {clientId} is not in the participant registry");
            }

            if (expected.StartsWith(CertificatePrefix, StringComparison.Ordinal))
            {
                if (certificateFingerprint is null)
                {
                    throw new GrpcException(GrpcStatusCode.Unauthenticated, $"client {clientId} must present its client certificate");
                }

                if (!string.Equals(expected[CertificatePrefix.Length..], certificateFingerprint, StringComparison.OrdinalIgnoreCase))
                {
                    throw new GrpcException(GrpcStatusCode.Unauthenticated, $"the client certificate is not client {clientId}'s");
                }
            }
            else if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token ?? string.Empty)))
            {
                throw new GrpcException(GrpcStatusCode.Unauthenticated, $"wrong token for client {clientId}");
            }
        }

        if (Options.Revoked.Contains(clientId))
        {
            throw new GrpcException(GrpcStatusCode.PermissionDenied, $"client {clientId} has been revoked");
        }

        var session = new ClientSession(clientId, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), _time);
        if (_sessions.TryGetValue(clientId, out var old))
        {
            // Instructions the old session never collected go to the new one; its awaited answers stay awaited.
            while (old.Mailbox.Reader.TryRead(out var waiting))
            {
                session.Mailbox.Writer.TryWrite(waiting);
            }

            foreach (var (id, request) in old.Pending)
            {
                session.Pending[id] = request;
            }
        }

        _sessions[clientId] = session;
        return session;
    }

    /// <summary>The session a request names, or NOT_FOUND (the client should join again).</summary>
    internal ClientSession Session(int clientId, string session)
    {
        if (!_sessions.TryGetValue(clientId, out var s) || !string.Equals(s.Id, session, StringComparison.Ordinal))
        {
            throw new GrpcException(GrpcStatusCode.NotFound, $"no session '{session}' for client {clientId}; join again");
        }

        if (!s.Admit(Options.MaxCallsPerSecond))
        {
            Counters.Reject("rate");
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"client {clientId} made more than {Options.MaxCallsPerSecond} calls in a second");
        }

        s.Touch();
        return s;
    }

    private static (IReadOnlyList<Instruction>, PendingRequest) Request(long id, int clientId, int round, RequestKind kind, int dimension, string? protocol, int stage, IReadOnlyList<Instruction> chunks)
    {
        var bytes = chunks.Sum(c => (long)c.CalculateSize() + GrpcFrames.HeaderBytes);
        return (chunks, new PendingRequest(id, clientId, round, kind, dimension, protocol, stage, bytes));
    }

    private async IAsyncEnumerable<ClientReply> SendAll(
        IEnumerable<(int ClientId, int Round, Func<long, (IReadOnlyList<Instruction> Chunks, PendingRequest Request)> Make)> requests,
        TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var waiting = new Dictionary<Task<ClientReply>, (ClientSession Session, PendingRequest Request)>();
        var absent = new List<ClientReply>();
        foreach (var (clientId, round, make) in requests)
        {
            if (!_sessions.TryGetValue(clientId, out var session))
            {
                absent.Add(new ClientFailure(clientId, round, FailureKind.Unavailable, $"client {clientId} is not connected"));
                continue;
            }

            var (chunks, request) = make(Interlocked.Increment(ref _nextRequest));
            session.Pending[request.Id] = request;
            session.Mailbox.Writer.TryWrite(chunks);
            waiting[request.Reply.Task] = (session, request);
        }

        foreach (var reply in absent)
        {
            yield return reply;
        }

        // Each answer lands in one queue as it completes, so that collecting n answers costs O(n), not O(n²).
        var arrivals = System.Threading.Channels.Channel.CreateUnbounded<Task<ClientReply>>();
        foreach (var task in waiting.Keys)
        {
            _ = task.ContinueWith(t => arrivals.Writer.TryWrite(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (waiting.Count > 0)
        {
            var done = await NextAsync(arrivals.Reader, linked.Token).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (done is null)
            {
                foreach (var (session, request) in waiting.Values.OrderBy(w => w.Request.ClientId))
                {
                    Forget(request);
                    yield return new ClientFailure(request.ClientId, request.Round, FailureKind.Timeout, $"no answer within the round's {timeout.TotalSeconds:0.#} s");
                }

                yield break;
            }

            waiting.Remove(done);
            yield return await done.ConfigureAwait(false);
        }
    }

    private static async Task<Task<ClientReply>?> NextAsync(System.Threading.Channels.ChannelReader<Task<ClientReply>> arrivals, CancellationToken cancellationToken)
    {
        try
        {
            return await arrivals.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Drops an awaited request from whichever session holds it now; a late answer is then refused.</summary>
    private void Forget(PendingRequest request)
    {
        if (_sessions.TryGetValue(request.ClientId, out var session))
        {
            session.Pending.TryRemove(request.Id, out _);
        }
    }
}
