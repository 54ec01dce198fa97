using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;

namespace FedShield.Benchmarks;

/// <summary>
/// Watches a round through the orchestrator's observer callbacks (on the orchestrator's thread):
/// measures how many replies wait in the orchestrator's reorder buffer (arrived, but a reply of a
/// client earlier in the selection is still missing), and, when asked, forces a full garbage
/// collection every few replies to read the live managed heap at that point.
/// </summary>
internal sealed class RoundProbe : IFederationObserver
{
    private readonly Dictionary<int, int> _position = [];
    private bool[] _arrived = [];
    private int _next;

    /// <summary>Force a full collection and read the live heap every this many replies (and at the last one); 0 for never.</summary>
    public int CheckpointEvery { get; set; }

    /// <summary>The most replies held at once in the reorder buffer, over every round watched.</summary>
    public int MaxReorderDepth { get; private set; }

    /// <summary>The largest live managed heap read at a checkpoint, in bytes (0 before any).</summary>
    public long PeakLiveHeapBytes { get; private set; }

    /// <summary>Checkpoints taken so far.</summary>
    public int Checkpoints { get; private set; }

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
        }

        MaxReorderDepth = Math.Max(MaxReorderDepth, done - _next);
        if (CheckpointEvery > 0 && (done % CheckpointEvery == 0 || done == total))
        {
            PeakLiveHeapBytes = Math.Max(PeakLiveHeapBytes, GC.GetTotalMemory(forceFullCollection: true));
            Checkpoints++;
        }
    }
}
