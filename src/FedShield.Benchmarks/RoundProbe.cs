using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;

namespace FedShield.Benchmarks;

/// <summary>
/// Watches rounds through the orchestrator's observer callbacks (on the orchestrator's thread).
/// Measures how many replies wait in the orchestrator's reorder buffer (arrived while the reply of
/// a client earlier in the selection is still missing) and, with <see cref="CountedClient"/>, how
/// many updates exist but are not folded yet (the transport's queue plus the reorder buffer); when
/// asked, has a helper thread read the live managed heap every few replies. The callbacks never
/// block: a checkpoint only signals the helper, so the orchestrator keeps draining replies as it
/// would without the probe (a blocking collection in the callback would stall only the consumer,
/// and the workers' replies would pile up behind it and be counted as the round's memory).
/// </summary>
internal sealed class RoundProbe : IFederationObserver, IDisposable
{
    private readonly Dictionary<int, int> _position = [];
    private readonly AutoResetEvent _checkpoint = new(false);
    private readonly Thread _reader;
    private bool[] _arrived = [];
    private int _next;
    private long _peakLive;
    private int _checkpoints;
    private int _requested;
    private long _produced;
    private long _folded;
    private long _maxHeld;
    private volatile bool _stopping;
    private bool _stopped;

    public RoundProbe()
    {
        _reader = new Thread(ReadLiveHeap) { IsBackground = true, Name = "live heap probe" };
        _reader.Start();
    }

    /// <summary>Signal a live-heap reading every this many replies (and at the last one); 0 for never.</summary>
    public int CheckpointEvery { get; set; }

    /// <summary>The most replies held at once in the reorder buffer since the last <see cref="ResetReorderDepth"/>.</summary>
    public int MaxReorderDepth { get; private set; }

    /// <summary>The largest live managed heap read so far, in bytes (0 before any reading).</summary>
    public long PeakLiveHeapBytes => Interlocked.Read(ref _peakLive);

    /// <summary>Live-heap readings taken so far.</summary>
    public int Checkpoints => Volatile.Read(ref _checkpoints);

    /// <summary>The most updates finished by clients but not yet folded into the aggregate at once, since the last <see cref="ResetReorderDepth"/>.</summary>
    public int MaxUpdatesHeld => (int)Interlocked.Read(ref _maxHeld);

    /// <summary>Starts a new maximum for <see cref="MaxReorderDepth"/> and <see cref="MaxUpdatesHeld"/>.</summary>
    public void ResetReorderDepth()
    {
        MaxReorderDepth = 0;
        Interlocked.Exchange(ref _maxHeld, 0);
    }

    /// <summary>A client finished a fit (called on a worker thread).</summary>
    public void ReplyProduced()
    {
        long held = Interlocked.Increment(ref _produced) - Interlocked.Read(ref _folded);
        long seen;
        while (held > (seen = Interlocked.Read(ref _maxHeld)) && Interlocked.CompareExchange(ref _maxHeld, held, seen) != seen)
        {
        }
    }

    public void RoundStarted(int round, IReadOnlyList<int> selected)
    {
        _position.Clear();
        for (int i = 0; i < selected.Count; i++)
        {
            _position[selected[i]] = i;
        }

        _arrived = new bool[selected.Count];
        _next = 0;
    }

    public void ReplyReceived(int round, ClientReply reply, int done, int total)
    {
        if (_position.TryGetValue(reply.ClientId, out int index))
        {
            _arrived[index] = true;
        }

        // The orchestrator folds the contiguous prefix of arrived replies; the rest wait.
        while (_next < _arrived.Length && _arrived[_next])
        {
            _next++;
            Interlocked.Increment(ref _folded);
        }

        MaxReorderDepth = Math.Max(MaxReorderDepth, done - _next);
        if (CheckpointEvery > 0 && (done % CheckpointEvery == 0 || done == total))
        {
            Volatile.Write(ref _requested, 1);
            _checkpoint.Set();
        }
    }

    /// <summary>Takes the reading still requested, if any, then stops the helper thread; further calls do nothing.</summary>
    public void StopReadings()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        CheckpointEvery = 0;
        _stopping = true;
        _checkpoint.Set();
        _reader.Join();
    }

    /// <summary>Stops the helper thread and releases its signal.</summary>
    public void Dispose()
    {
        StopReadings();
        _checkpoint.Dispose();
    }

    // A blocking full collection, then the heap's size: the bytes still referenced (plus whatever
    // was allocated in the microseconds since the collection ended).
    private static long ReadLive()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private void Record(long live)
    {
        long seen;
        while (live > (seen = Interlocked.Read(ref _peakLive)) && Interlocked.CompareExchange(ref _peakLive, live, seen) != seen)
        {
        }

        Interlocked.Increment(ref _checkpoints);
    }

    private void ReadLiveHeap()
    {
        while (true)
        {
            _checkpoint.WaitOne();
            if (Interlocked.Exchange(ref _requested, 0) == 1)
            {
                Record(ReadLive());
            }

            if (_stopping)
            {
                return;
            }
        }
    }
}
