using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Simulation;

/// <summary>
/// Runs every client in this process on a fixed pool of worker threads that lives as long as the
/// transport. Instructions are taken in order by the workers; each client's work depends only on
/// its instruction (which carries its seed) and its own state, so results do not depend on the
/// number of workers. Replies wait in a queue of at most two per worker (a worker whose reply finds
/// it full waits), and no instruction starts more than four per worker past the oldest reply not yet
/// handed over, so the updates a server folding in client order must hold stay bounded by the
/// worker count, not the number of clients. Each exchange is charged the bytes <see cref="WireSize"/>
/// gives for its messages.
/// </summary>
public sealed class SimulationTransport : ITransport, IDisposable
{
    private readonly SortedDictionary<int, IFederatedClient> _clients = [];
    private readonly TimeProvider _time;
    private readonly int[] _ids;
    private readonly Lazy<WorkerPool> _workers;

    /// <summary>Creates the transport.</summary>
    /// <param name="clients">The federation's clients (distinct ids).</param>
    /// <param name="options">Worker count.</param>
    /// <param name="time">Clock for timeouts; the system clock by default.</param>
    /// <exception cref="ArgumentException">Two clients share an id, or there are none.</exception>
    public SimulationTransport(IEnumerable<IFederatedClient> clients, SimulationOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        foreach (var c in clients)
        {
            if (!_clients.TryAdd(c.Id, c))
            {
                throw new ArgumentException($"two clients have id {c.Id}", nameof(clients));
            }
        }

        if (_clients.Count == 0)
        {
            throw new ArgumentException("a federation needs at least one client", nameof(clients));
        }

        _ids = [.. _clients.Keys];
        Options = options ?? new SimulationOptions();
        _time = time ?? TimeProvider.System;
        _workers = new Lazy<WorkerPool>(() => new WorkerPool(Options.Workers), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Stops the worker threads (after the work already queued).</summary>
    public void Dispose()
    {
        if (_workers.IsValueCreated)
        {
            _workers.Value.Dispose();
        }
    }

    /// <summary>The worker settings.</summary>
    public SimulationOptions Options { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> AvailableClients => _ids;

    /// <summary>The client with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such client.</exception>
    public IFederatedClient GetClient(int id) =>
        _clients.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"no client with id {id}");

    /// <inheritdoc/>
    public IAsyncEnumerable<ClientReply> FitAsync(IReadOnlyList<FitInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        return RunAsync(instructions, i => i.ClientId, i => i.Round, (c, i, ct) => c.FitAsync(i, ct), WireSize.Of, timeout, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ClientReply> EvaluateAsync(IReadOnlyList<EvaluateInstruction> instructions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        return RunAsync(instructions, i => i.ClientId, i => i.Round, (c, i, ct) => c.EvaluateAsync(i, ct), WireSize.Of, timeout, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ClientReply> ExchangeAsync(IReadOnlyList<ProtocolMessage> messages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return RunAsync(messages, m => m.ClientId, m => m.Round, Handle, WireSize.Of, timeout, cancellationToken);
    }

    /// <summary>
    /// The states of every client that keeps state across rounds (<see cref="ICheckpointable"/>),
    /// under "client.{id}." prefixes.
    /// </summary>
    public StateBag ExportClientStates()
    {
        var bag = new StateBag();
        foreach (var (id, client) in _clients)
        {
            if (client is ICheckpointable c)
            {
                bag.Merge($"client.{id}.", c.ExportState());
            }
        }

        return bag;
    }

    /// <summary>Restores what <see cref="ExportClientStates"/> wrote.</summary>
    public void ImportClientStates(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (id, client) in _clients)
        {
            if (client is ICheckpointable c)
            {
                c.ImportState(state.Extract($"client.{id}."));
            }
        }
    }

    private async IAsyncEnumerable<ClientReply> RunAsync<T>(
        IReadOnlyList<T> instructions,
        Func<T, int> clientOf,
        Func<T, int> roundOf,
        Func<IFederatedClient, T, CancellationToken, ValueTask<ClientReply>> work,
        Func<T, long> size,
        TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (instructions.Count == 0)
        {
            yield break;
        }

        var replies = Channel.CreateBounded<(int Index, ClientReply Reply)>(new BoundedChannelOptions(2 * Options.Workers) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var window = new DispatchWindow(instructions.Count, 4 * Options.Workers);
        var remaining = instructions.Count;
        var pool = _workers.Value;
        for (var i = 0; i < instructions.Count; i++)
        {
            var index = i;
            var instruction = instructions[i];
            pool.Enqueue(() =>
            {
                window.WaitToStart(index);
                var reply = RunOne(instruction, clientOf(instruction), roundOf(instruction), work, timeout, cancellationToken);
                reply = reply with { Traffic = new Traffic(size(instruction), WireSize.Of(reply)) };

                // A worker thread may block here: it is what bounds the replies waiting for the server.
                // The server reads until every reply is in, so a full queue always drains.
                // If the server stopped listening (cancelled, or it failed), the queue is closed and the reply dropped.
                try
                {
                    replies.Writer.WriteAsync((index, reply), cancellationToken).AsTask().GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
                {
                }

                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    replies.Writer.TryComplete();
                }
            });
        }

        try
        {
            await foreach (var (index, reply) in replies.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                window.Delivered(index);
                yield return reply;
            }
        }
        finally
        {
            // Releases any worker still waiting to start or to hand over a reply nobody will read.
            window.Close();
            replies.Writer.TryComplete();
        }
    }

    private static ValueTask<ClientReply> Handle(IFederatedClient client, ProtocolMessage message, CancellationToken cancellationToken) =>
        client is IProtocolParticipant participant
            ? participant.HandleAsync(message, cancellationToken)
            : ValueTask.FromResult<ClientReply>(new ClientFailure(client.Id, message.Round, FailureKind.Error, $"client {client.Id} does not take part in protocols; it cannot answer stage {message.Stage} of '{message.Protocol}'"));

    private ClientReply RunOne<T>(T instruction, int clientId, int round, Func<IFederatedClient, T, CancellationToken, ValueTask<ClientReply>> work, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_clients.TryGetValue(clientId, out var client))
        {
            return new ClientFailure(clientId, round, FailureKind.Unavailable, $"no client with id {clientId} in this simulation");
        }

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var task = work(client, instruction, linked.Token);
            var reply = task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();
            if (deadline.IsCancellationRequested)
            {
                return new ClientFailure(clientId, round, FailureKind.Timeout, $"no reply within the round timeout of {timeout.TotalSeconds:0.###} s");
            }

            return reply ?? new ClientFailure(clientId, round, FailureKind.Error, "the client returned no reply");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new ClientFailure(clientId, round, FailureKind.Timeout, $"no reply within the round timeout of {timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ClientFailure(clientId, round, FailureKind.Unavailable, "the round was cancelled");
        }
#pragma warning disable CA1031 // A client's exception is data about that client, never the server's crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ClientFailure(clientId, round, FailureKind.Error, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
