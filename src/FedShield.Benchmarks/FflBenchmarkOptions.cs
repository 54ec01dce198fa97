using System.Globalization;

namespace FedShield.Benchmarks;

/// <summary>What <see cref="FflBenchmark"/> runs: the model shapes, the numbers of updates per round and the timed rounds.</summary>
public sealed record FflBenchmarkOptions
{
    /// <summary>Table V's numbers of updates per round: 10, 50, 100.</summary>
    public static readonly IReadOnlyList<int> FullUpdates = [10, 50, 100];

    /// <summary>The numbers of updates of <c>--quick</c>: 10.</summary>
    public static readonly IReadOnlyList<int> QuickUpdates = [10];

    /// <summary>The timed rounds of a full run.</summary>
    public const int DefaultRepeat = 3;

    /// <summary>Creates validated options.</summary>
    /// <param name="quick">Only n = 10, the adult-mlp shape and 1 timed round (each ignored where given explicitly).</param>
    /// <param name="repeat">Timed rounds per case after one untimed warm-up round (≥ 1); medians are reported. Null: 1 with <paramref name="quick"/>, else <see cref="DefaultRepeat"/>.</param>
    /// <param name="updates">Numbers of participants (updates) per round, each even and ≥ 2 (FFL pairs them); null for the run's.</param>
    /// <param name="models">Model shapes; null for the catalog's adult-mlp (and mnist-cnn unless quick).</param>
    /// <param name="seed">Seed of the deltas and of the board's pairing.</param>
    /// <param name="workers">Participants the in-process transport runs at once (≥ 1). One by default, so that each participant's overhead is timed without another participant competing for the cores.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public FflBenchmarkOptions(bool quick = false, int? repeat = null, IReadOnlyList<int>? updates = null, IReadOnlyList<FflBenchmarkModel>? models = null, int seed = 42, int workers = 1)
    {
        var rounds = repeat ?? (quick ? 1 : DefaultRepeat);
        if (rounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(repeat), rounds, $"repeat must be at least 1; got {rounds}.");
        }

        var ns = updates ?? (quick ? QuickUpdates : FullUpdates);
        if (ns.Count == 0 || ns.Any(n => n < 2 || n % 2 != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(updates), string.Join(", ", ns.Select(n => n.ToString(CultureInfo.InvariantCulture))), "the numbers of updates must be a non-empty list of even numbers of at least 2 (FFL exchanges fragments in pairs)");
        }

        if (models is { Count: 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(models), "give at least one model, or null for the catalog's");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Quick = quick;
        Repeat = rounds;
        Updates = [.. ns];
        Models = models is null
            ? [.. FflBenchmarkModel.CatalogNames.Take(quick ? 1 : FflBenchmarkModel.CatalogNames.Count).Select(FflBenchmarkModel.FromCatalog)]
            : [.. models];
        Seed = seed;
        Workers = workers;
    }

    /// <summary>Whether the small run was asked for.</summary>
    public bool Quick { get; }

    /// <summary>Timed rounds per case.</summary>
    public int Repeat { get; }

    /// <summary>Numbers of updates per round, in order.</summary>
    public IReadOnlyList<int> Updates { get; }

    /// <summary>Model shapes, in order.</summary>
    public IReadOnlyList<FflBenchmarkModel> Models { get; }

    /// <summary>Seed of the deltas and the pairing.</summary>
    public int Seed { get; }

    /// <summary>Participants run at once.</summary>
    public int Workers { get; }

    /// <summary>α of the similarity (the paper's 0.2, FflOptions' default).</summary>
    public double Alpha { get; } = 0.2;

    /// <summary>Calls of plain FedAvg averaged into each of its timed measurements: one call takes microseconds.</summary>
    public int FedAvgCalls { get; } = 10;
}
