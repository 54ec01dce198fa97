namespace FedShield.Benchmarks;

/// <summary>
/// What <see cref="AggregateBenchmark"/> runs: the update-set sizes, the timed repetitions and whether
/// the PyTorch side runs. The rules are fixed: <c>median</c>, <c>trimmed-mean</c> (β = 0.1) and
/// <c>multi-krum</c> (f = 20% of n, m = n − f).
/// </summary>
public sealed record AggregateBenchmarkOptions
{
    /// <summary>The rules timed, in order.</summary>
    public static readonly IReadOnlyList<string> Methods = ["median", "trimmed-mean", "multi-krum"];

    /// <summary>The full sizes (n updates × d values): 100 × 100,000 and 50 × 1,000,000.</summary>
    public static readonly IReadOnlyList<(int N, int D)> FullSizes = [(100, 100_000), (50, 1_000_000)];

    /// <summary>The sizes of <c>--quick</c>, for tests: 12 × 2,000 and 10 × 20,000.</summary>
    public static readonly IReadOnlyList<(int N, int D)> QuickSizes = [(12, 2_000), (10, 20_000)];

    /// <summary>Creates validated options.</summary>
    /// <param name="quick">Small sizes (<see cref="QuickSizes"/>) instead of <see cref="FullSizes"/>.</param>
    /// <param name="repeat">Timed calls per rule and size after one untimed warm-up call (≥ 1); the median is reported.</param>
    /// <param name="runReference">Whether to run the PyTorch side (tools/pytorch/bench_aggregate.py).</param>
    /// <param name="seed">Seed of the generated updates.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="repeat"/> is below 1.</exception>
    public AggregateBenchmarkOptions(bool quick = false, int repeat = 5, bool runReference = true, int seed = 42)
    {
        if (repeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(repeat), repeat, $"repeat must be at least 1; got {repeat}.");
        }

        Quick = quick;
        Repeat = repeat;
        RunReference = runReference;
        Seed = seed;
    }

    /// <summary>Whether the small sizes are used.</summary>
    public bool Quick { get; }

    /// <summary>Timed calls per rule and size.</summary>
    public int Repeat { get; }

    /// <summary>Whether the PyTorch side runs.</summary>
    public bool RunReference { get; }

    /// <summary>Seed of the generated updates.</summary>
    public int Seed { get; }

    /// <summary>The trimmed mean's β.</summary>
    public double TrimmedBeta { get; } = 0.1;

    /// <summary>Multi-Krum's assumed fraction of attackers.</summary>
    public double AttackerFraction { get; } = 0.2;

    /// <summary>The sizes run, in order.</summary>
    public IReadOnlyList<(int N, int D)> Sizes => Quick ? QuickSizes : FullSizes;

    /// <summary>Threads on both sides: one per logical core.</summary>
    public int Threads { get; } = Environment.ProcessorCount;
}
