using System.Globalization;

namespace FedShield.Benchmarks;

/// <summary>
/// What <see cref="NetworkBenchmark"/> runs: the numbers of concurrent clients, the timed rounds, the
/// model size and the clients' polling settings.
/// </summary>
public sealed record NetworkBenchmarkOptions
{
    /// <summary>The full run's numbers of concurrent clients: 100, 300, 500.</summary>
    public static readonly IReadOnlyList<int> FullClients = [100, 300, 500];

    /// <summary>The numbers of clients of <c>--quick</c>: 20.</summary>
    public static readonly IReadOnlyList<int> QuickClients = [20];

    /// <summary>Timed rounds per client count in a full run.</summary>
    public const int DefaultRounds = 100;

    /// <summary>Timed rounds per client count with <c>--quick</c>.</summary>
    public const int QuickRounds = 3;

    /// <summary>The default model size: 1,000 floats (a tiny model, so that the transport dominates).</summary>
    public const int DefaultDimension = 1_000;

    /// <summary>
    /// The server's per-client call limit in the benchmark by default. The server's own default (50 calls
    /// a second) guards against misbehaving devices; clients that train in no time make two calls per
    /// round (the answer and the next poll), so at more than 25 rounds a second they would be refused and
    /// back off, and the benchmark would measure the limiter instead of the transport.
    /// </summary>
    public const int DefaultMaxCallsPerSecond = 10_000;

    /// <summary>Creates validated options.</summary>
    /// <param name="quick">Only 20 clients and 3 timed rounds (each ignored where given explicitly).</param>
    /// <param name="clients">Numbers of concurrent clients (each ≥ 1); null for the run's.</param>
    /// <param name="rounds">Timed rounds per client count after one untimed warm-up round (≥ 1); null for the run's.</param>
    /// <param name="dimension">Floats in the model and in every update (≥ 1).</param>
    /// <param name="seed">Seed of the clients' deltas and of the orchestrator.</param>
    /// <param name="minThreads">
    /// The thread pool's minimum worker and I/O threads during the run (0: leave the runtime's default,
    /// one per core). Raise it when hundreds of links starve the pool; the report states the value used.
    /// </param>
    /// <param name="pollWait">How long a client's long poll waits for an instruction; 1 s by default.</param>
    /// <param name="roundTimeout">The orchestrator's round timeout; 120 s by default.</param>
    /// <param name="joinTimeout">How long the clients may take to join; 120 s by default.</param>
    /// <param name="maxCallsPerSecond">The server's per-client call limit (<c>HttpServerOptions.MaxCallsPerSecond</c>, ≥ 1); <see cref="DefaultMaxCallsPerSecond"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public NetworkBenchmarkOptions(
        bool quick = false,
        IReadOnlyList<int>? clients = null,
        int? rounds = null,
        int dimension = DefaultDimension,
        int seed = 42,
        int minThreads = 0,
        TimeSpan? pollWait = null,
        TimeSpan? roundTimeout = null,
        TimeSpan? joinTimeout = null,
        int maxCallsPerSecond = DefaultMaxCallsPerSecond)
    {
        var ns = clients ?? (quick ? QuickClients : FullClients);
        if (ns.Count == 0 || ns.Any(n => n < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(clients), string.Join(", ", ns.Select(n => n.ToString(CultureInfo.InvariantCulture))), "the numbers of clients must be a non-empty list of positive numbers");
        }

        var r = rounds ?? (quick ? QuickRounds : DefaultRounds);
        if (r < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), r, $"rounds must be at least 1; got {r}.");
        }

        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension must be at least 1; got {dimension}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCallsPerSecond, 1);
        PollWait = pollWait ?? TimeSpan.FromSeconds(1);
        RoundTimeout = roundTimeout ?? TimeSpan.FromSeconds(120);
        JoinTimeout = joinTimeout ?? TimeSpan.FromSeconds(120);
        foreach (var (name, value) in new[] { (nameof(pollWait), PollWait), (nameof(roundTimeout), RoundTimeout), (nameof(joinTimeout), JoinTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive; got {value}.");
            }
        }

        Quick = quick;
        Clients = [.. ns];
        Rounds = r;
        Dimension = dimension;
        Seed = seed;
        MinThreads = minThreads;
        MaxCallsPerSecond = maxCallsPerSecond;
    }

    /// <summary>Whether the small run was asked for.</summary>
    public bool Quick { get; }

    /// <summary>Numbers of concurrent clients, in order; one server per number.</summary>
    public IReadOnlyList<int> Clients { get; }

    /// <summary>Timed rounds per client count.</summary>
    public int Rounds { get; }

    /// <summary>Floats in the model and in every update.</summary>
    public int Dimension { get; }

    /// <summary>Seed of the deltas and the orchestrator.</summary>
    public int Seed { get; }

    /// <summary>The thread pool's minimum threads asked for (0: the runtime's default).</summary>
    public int MinThreads { get; }

    /// <summary>The server's per-client call limit.</summary>
    public int MaxCallsPerSecond { get; }

    /// <summary>How long a client's long poll waits.</summary>
    public TimeSpan PollWait { get; }

    /// <summary>The orchestrator's round timeout.</summary>
    public TimeSpan RoundTimeout { get; }

    /// <summary>How long the clients may take to join.</summary>
    public TimeSpan JoinTimeout { get; }
}
