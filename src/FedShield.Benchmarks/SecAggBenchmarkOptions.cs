using System.Globalization;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Benchmarks;

/// <summary>
/// What <see cref="SecAggBenchmark"/> sweeps: variants × clients n × parameters d × dropout fractions,
/// one real protocol round per case, and the time budget above which a case is skipped on its
/// estimate. The protocol runs with its default settings (32-bit ring, clip range 1, majority
/// threshold, SecAgg+ degree 2⌈4·log2 n⌉) unless the ring width is set.
/// </summary>
public sealed record SecAggBenchmarkOptions
{
    /// <summary>
    /// The default budget per case, in seconds. On a 2-core machine the estimates fall in two groups
    /// far apart: every case up to SecAgg with n = 500 and d = 10⁵ (about a minute) and the
    /// d = 10⁶ cases of SecAgg with n = 500 (over three minutes). The budget sits between them, so a
    /// sweep runs the same cases from one run to the next despite the estimate's noise, and the
    /// full sweep takes under 10 minutes on an idle machine.
    /// </summary>
    public const double DefaultMaxSeconds = 120;

    /// <summary>The variants, in order: SecAgg then SecAgg+.</summary>
    public static readonly IReadOnlyList<SecureAggregationVariant> AllVariants = [SecureAggregationVariant.SecAgg, SecureAggregationVariant.SecAggPlus];

    /// <summary>The full sweep's client counts: 10, 100, 500.</summary>
    public static readonly IReadOnlyList<int> FullClients = [10, 100, 500];

    /// <summary>The full sweep's update lengths: 10⁴, 10⁵, 10⁶.</summary>
    public static readonly IReadOnlyList<int> FullDimensions = [10_000, 100_000, 1_000_000];

    /// <summary>The dropout fractions: none and 30% at the masked-input stage.</summary>
    public static readonly IReadOnlyList<double> FullDropouts = [0, 0.3];

    /// <summary>The client counts of <c>--quick</c>: 10 and 100.</summary>
    public static readonly IReadOnlyList<int> QuickClients = [10, 100];

    /// <summary>The update lengths of <c>--quick</c>: 10⁴.</summary>
    public static readonly IReadOnlyList<int> QuickDimensions = [10_000];

    /// <summary>Creates validated options.</summary>
    /// <param name="quick">Only n ≤ 100 and d ≤ 10⁴ (for CI-scale runs); ignored for the lists given explicitly.</param>
    /// <param name="maxSeconds">The budget per case: a case whose estimated time exceeds it is reported as skipped. Positive.</param>
    /// <param name="seed">Seed of the deltas and of which clients drop.</param>
    /// <param name="clients">Client counts (each ≥ 2); null for the sweep's.</param>
    /// <param name="dimensions">Update lengths (each ≥ 1); null for the sweep's.</param>
    /// <param name="dropouts">Fractions of clients that drop at the masked-input stage, each in [0, 0.5) (the threshold is a majority); null for 0 and 0.3.</param>
    /// <param name="variants">Variants; null for both.</param>
    /// <param name="bits">The ring width, 8 to 64.</param>
    /// <param name="workers">Clients run at once by the in-process transport; 0 for one per core.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A list is empty.</exception>
    public SecAggBenchmarkOptions(
        bool quick = false,
        double maxSeconds = DefaultMaxSeconds,
        int seed = 42,
        IReadOnlyList<int>? clients = null,
        IReadOnlyList<int>? dimensions = null,
        IReadOnlyList<double>? dropouts = null,
        IReadOnlyList<SecureAggregationVariant>? variants = null,
        int bits = SecureAggregationOptions.DefaultBits,
        int workers = 0)
    {
        if (!(maxSeconds > 0) || double.IsInfinity(maxSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSeconds), maxSeconds, $"the budget per case must be a positive number of seconds; got {maxSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        Clients = Check(clients ?? (quick ? QuickClients : FullClients), nameof(clients), n => n >= 2, "every client count must be at least 2");
        Dimensions = Check(dimensions ?? (quick ? QuickDimensions : FullDimensions), nameof(dimensions), d => d >= 1, "every update length must be at least 1");
        Dropouts = Check(dropouts ?? FullDropouts, nameof(dropouts), f => f is >= 0 and < 0.5, "every dropout fraction must be in [0, 0.5): more than half the clients must survive the majority threshold");
        Variants = Check(variants ?? AllVariants, nameof(variants), Enum.IsDefined, "unknown variant");
        ProtocolOptions(SecureAggregationVariant.SecAgg, bits); // validates the ring width
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        Quick = quick;
        MaxSeconds = maxSeconds;
        Seed = seed;
        Bits = bits;
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
    }

    /// <summary>Whether the small sweep was asked for.</summary>
    public bool Quick { get; }

    /// <summary>The budget per case, seconds.</summary>
    public double MaxSeconds { get; }

    /// <summary>Seed of the deltas and of the dropped clients.</summary>
    public int Seed { get; }

    /// <summary>Client counts, in order.</summary>
    public IReadOnlyList<int> Clients { get; }

    /// <summary>Update lengths, in order.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Dropout fractions, in order.</summary>
    public IReadOnlyList<double> Dropouts { get; }

    /// <summary>Variants, in order.</summary>
    public IReadOnlyList<SecureAggregationVariant> Variants { get; }

    /// <summary>The ring width.</summary>
    public int Bits { get; }

    /// <summary>Clients run at once (resolved).</summary>
    public int Workers { get; }

    /// <summary>Threads the server removes masks with: one per logical core.</summary>
    public int ServerThreads { get; } = Environment.ProcessorCount;

    /// <summary>Added to every coordinate of the expected mean before the check; tests set it to prove the check trips.</summary>
    internal double ExpectedMeanShift { get; init; }

    /// <summary>The protocol settings a case of <paramref name="variant"/> runs with.</summary>
    public SecureAggregationOptions ProtocolOptions(SecureAggregationVariant variant) => ProtocolOptions(variant, Bits);

    private static SecureAggregationOptions ProtocolOptions(SecureAggregationVariant variant, int bits) =>
        new(variant, bits: bits, serverThreads: Environment.ProcessorCount);

    private static IReadOnlyList<T> Check<T>(IReadOnlyList<T> values, string name, Func<T, bool> valid, string what)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException($"{name} must not be empty", name);
        }

        foreach (var v in values)
        {
            if (!valid(v))
            {
                throw new ArgumentOutOfRangeException(name, v, $"{what}; got {Convert.ToString(v, CultureInfo.InvariantCulture)}");
            }
        }

        return [.. values];
    }
}
