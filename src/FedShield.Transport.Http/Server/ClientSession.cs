using System.Collections.Concurrent;
using System.Threading.Channels;
using FedShield.Transport.Http.Wire;

namespace FedShield.Transport.Http.Server;

/// <summary>A joined client: its mailbox of instructions, the requests awaiting its answers, its call rate.</summary>
internal sealed class ClientSession(int clientId, string id, TimeProvider time)
{
    private readonly object _rate = new();
    private long _windowStart = time.GetTimestamp();
    private int _calls;

    public int ClientId { get; } = clientId;

    public string Id { get; } = id;

    public Channel<IReadOnlyList<Instruction>> Mailbox { get; } = Channel.CreateUnbounded<IReadOnlyList<Instruction>>();

    public ConcurrentDictionary<long, PendingRequest> Pending { get; } = new();

    public long LastSeen { get; private set; } = time.GetTimestamp();

    public void Touch() => LastSeen = time.GetTimestamp();

    /// <summary>Counts a call; false when the client exceeds <paramref name="perSecond"/> calls in the current second.</summary>
    public bool Admit(int perSecond)
    {
        lock (_rate)
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
            {
                _windowStart = now;
                _calls = 0;
            }

            return ++_calls <= perSecond;
        }
    }
}
