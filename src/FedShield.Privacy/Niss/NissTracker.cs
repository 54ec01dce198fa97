using System.Security.Cryptography;

namespace FedShield.Privacy.Niss;

/// <summary>
/// NISS's tracker: it records which clients of the round are alive and hands each client a random
/// list of live neighbours to send its negated noise shares to, like a peer-to-peer tracker. It
/// knows client ids only; no noise, share or key passes through it. Choices come from the operating
/// system's random generator.
/// </summary>
/// <remarks>Not thread-safe; one tracker per round.</remarks>
public sealed class NissTracker
{
    private readonly SortedSet<int> _live = [];
    private readonly Func<int, int> _uniformBelow;

    /// <summary>A tracker drawing from the operating system's random generator.</summary>
    public NissTracker()
        : this(RandomNumberGenerator.GetInt32)
    {
    }

    /// <summary>A tracker drawing from <paramref name="uniformBelow"/> (n ↦ uniform integer in [0, n)); tests only.</summary>
    internal NissTracker(Func<int, int> uniformBelow) => _uniformBelow = uniformBelow;

    /// <summary>The live clients, ascending.</summary>
    public IReadOnlyCollection<int> Live => _live;

    /// <summary>Starts a round with <paramref name="clients"/> alive (replacing any earlier set).</summary>
    /// <exception cref="ArgumentException">A client id appears twice.</exception>
    public void StartRound(IEnumerable<int> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _live.Clear();
        foreach (var id in clients)
        {
            if (!_live.Add(id))
            {
                _live.Clear();
                throw new ArgumentException($"client {id} is listed twice", nameof(clients));
            }
        }
    }

    /// <summary>Records that <paramref name="clientId"/> left the round; it is never returned as a neighbour again.</summary>
    public void Leave(int clientId) => _live.Remove(clientId);

    /// <summary>Whether <paramref name="clientId"/> is alive in this round.</summary>
    public bool IsLive(int clientId) => _live.Contains(clientId);

    /// <summary>
    /// A uniformly random list of distinct live clients other than <paramref name="clientId"/>, in
    /// random order: <paramref name="count"/> of them, or every other live client when fewer are alive
    /// or <paramref name="count"/> is null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="clientId"/> is not alive in this round.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public int[] Neighbours(int clientId, int? count = null)
    {
        if (!_live.Contains(clientId))
        {
            throw new ArgumentException($"client {clientId} is not alive in this round", nameof(clientId));
        }

        if (count is { } c)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(count));
        }

        var others = new int[_live.Count - 1];
        var n = 0;
        foreach (var id in _live)
        {
            if (id != clientId)
            {
                others[n++] = id;
            }
        }

        // Partial Fisher–Yates: the first k places become a uniform random k-permutation.
        var k = Math.Min(count ?? others.Length, others.Length);
        for (var i = 0; i < k; i++)
        {
            var j = i + _uniformBelow(others.Length - i);
            (others[i], others[j]) = (others[j], others[i]);
        }

        return others[..k];
    }
}
