using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>
/// The <c>clients</c> section: how many clients exist, how many are asked to train each round, and how
/// many replies a round needs.
/// </summary>
public sealed record ClientsConfig
{
    /// <summary>
    /// Creates and validates the client settings. Give at most one of <paramref name="fraction"/> and
    /// <paramref name="perRound"/> (neither: fraction 0.5), and at most one of <paramref name="minReplies"/> and
    /// <paramref name="minFraction"/> (neither: one reply).
    /// </summary>
    /// <param name="count">Number of clients, &gt;= 1 (<c>clients.count</c>).</param>
    /// <param name="fraction">Fraction of clients sampled each round, in (0, 1] (<c>clients.fraction</c>).</param>
    /// <param name="perRound">Clients sampled each round, in [1, count] (<c>clients.per_round</c>).</param>
    /// <param name="minReplies">Replies a round needs to aggregate, at most the clients sampled (<c>clients.min_replies</c>).</param>
    /// <param name="minFraction">Fraction of the sampled clients whose replies a round needs, in (0, 1] (<c>clients.min_fraction</c>).</param>
    /// <param name="timeoutSeconds">Seconds the server waits for a client's reply, &gt; 0 (<c>clients.timeout_s</c>).</param>
    /// <exception cref="ArgumentException">An argument is out of range, both keys of an exclusive pair are set, <paramref name="perRound"/>
    /// exceeds <paramref name="count"/>, or <paramref name="minReplies"/> exceeds the clients sampled per round.</exception>
    public ClientsConfig(
        int count,
        double? fraction = null,
        int? perRound = null,
        int? minReplies = null,
        double? minFraction = null,
        double timeoutSeconds = ConfigDefaults.TimeoutSeconds)
    {
        ConfigKeys.ClientsCount.Check(count, nameof(count));
        if (fraction is { } f)
        {
            ConfigKeys.ClientsFraction.Check(f, nameof(fraction));
        }

        if (perRound is { } p)
        {
            ConfigKeys.ClientsPerRound.Check(p, nameof(perRound));
        }

        if (minReplies is { } r)
        {
            ConfigKeys.ClientsMinReplies.Check(r, nameof(minReplies));
        }

        if (minFraction is { } mf)
        {
            ConfigKeys.ClientsMinFraction.Check(mf, nameof(minFraction));
        }

        ConfigKeys.ClientsTimeout.Check(timeoutSeconds, nameof(timeoutSeconds));
        if (fraction is not null && perRound is not null)
        {
            throw new ArgumentException($"{ConfigKeys.ClientsPerRound.Path}: {ExclusiveMessage(ConfigKeys.ClientsFraction)}", nameof(perRound));
        }

        if (minReplies is not null && minFraction is not null)
        {
            throw new ArgumentException($"{ConfigKeys.ClientsMinFraction.Path}: {ExclusiveMessage(ConfigKeys.ClientsMinReplies)}", nameof(minFraction));
        }

        if (PerRoundError(count, perRound) is { } perRoundError)
        {
            throw new ArgumentOutOfRangeException(nameof(perRound), perRound, $"{ConfigKeys.ClientsPerRound.Path}: {perRoundError}");
        }

        Count = count;
        PerRound = perRound;
        Fraction = perRound is null ? fraction ?? ConfigDefaults.ClientFraction : null;
        MinFraction = minFraction;
        MinReplies = minFraction is null ? minReplies ?? ConfigDefaults.MinReplies : null;
        TimeoutSeconds = timeoutSeconds;
        if (MinRepliesError(SampledPerRound, minReplies) is { } minRepliesError)
        {
            throw new ArgumentOutOfRangeException(nameof(minReplies), minReplies, $"{ConfigKeys.ClientsMinReplies.Path}: {minRepliesError}");
        }
    }

    /// <summary>Number of clients (<c>clients.count</c>).</summary>
    public int Count { get; }

    /// <summary>Fraction of clients sampled each round (<c>clients.fraction</c>); null exactly when <see cref="PerRound"/> is set.</summary>
    public double? Fraction { get; }

    /// <summary>Clients sampled each round (<c>clients.per_round</c>); null when <see cref="Fraction"/> decides.</summary>
    public int? PerRound { get; }

    /// <summary>Replies a round needs (<c>clients.min_replies</c>); null exactly when <see cref="MinFraction"/> is set.</summary>
    public int? MinReplies { get; }

    /// <summary>Fraction of the sampled clients whose replies a round needs (<c>clients.min_fraction</c>); null when <see cref="MinReplies"/> decides.</summary>
    public double? MinFraction { get; }

    /// <summary>Seconds the server waits for a client's reply (<c>clients.timeout_s</c>).</summary>
    public double TimeoutSeconds { get; }

    /// <summary>
    /// Clients asked to train each round: <see cref="PerRound"/>, or max(1, ⌊fraction · count⌋) as in
    /// McMahan et al. (2017), never more than <see cref="Count"/>.
    /// </summary>
    public int SampledPerRound => SampleSize(Count, Fraction, PerRound);

    /// <summary>
    /// Replies a round needs before it aggregates: <see cref="MinReplies"/>, or max(1, ⌈min_fraction · sampled⌉).
    /// Never more than <see cref="SampledPerRound"/>.
    /// </summary>
    public int RequiredReplies => MinReplies ?? Math.Max(1, (int)Math.Ceiling((MinFraction!.Value * SampledPerRound) - 1e-9));

    internal static int SampleSize(int count, double? fraction, int? perRound) =>
        perRound ?? Math.Clamp((int)Math.Floor(((fraction ?? ConfigDefaults.ClientFraction) * count) + 1e-9), 1, count);

    internal static string? PerRoundError(int count, int? perRound) =>
        perRound > count ? $"expected at most clients.count ({count}), got {perRound}" : null;

    internal static string? MinRepliesError(int sampledPerRound, int? minReplies) =>
        minReplies > sampledPerRound
            ? $"expected at most the number of clients sampled per round ({sampledPerRound}), got {minReplies}"
            : null;

    internal static string ExclusiveMessage(ConfigKey other) =>
        $"cannot be combined with {other.Path}; set only one of them";
}
