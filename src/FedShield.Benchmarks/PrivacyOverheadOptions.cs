using System.Globalization;

namespace FedShield.Benchmarks;

/// <summary>
/// What <see cref="PrivacyOverheadBenchmark"/> runs: the update lengths, the clients per round, the
/// timed rounds, and the fixed settings of each mechanism (they change the cost only through the
/// number of NISS shares, which σ_k²/σ² = 5 sets).
/// </summary>
public sealed record PrivacyOverheadOptions
{
    /// <summary>The mechanisms, in order: the baseline first.</summary>
    public static readonly IReadOnlyList<string> Mechanisms = ["plain", "local-dp", "central-dp", "niss", "secagg"];

    /// <summary>The full run's update lengths: 10⁴, 10⁵, 10⁶.</summary>
    public static readonly IReadOnlyList<int> FullDimensions = [10_000, 100_000, 1_000_000];

    /// <summary>The update lengths of <c>--quick</c>: 10⁴.</summary>
    public static readonly IReadOnlyList<int> QuickDimensions = [10_000];

    /// <summary>Creates validated options.</summary>
    /// <param name="quick">Only d = 10⁴ (ignored when <paramref name="dimensions"/> is given).</param>
    /// <param name="repeat">Timed rounds per mechanism and length after one untimed warm-up round (≥ 1); the median is reported.</param>
    /// <param name="clients">Clients, all selected every round (≥ 2).</param>
    /// <param name="dimensions">Update lengths (each ≥ 1); null for the run's.</param>
    /// <param name="seed">Seed of the deltas and of the orchestrator.</param>
    /// <param name="workers">Clients run at once by the in-process transport; 0 for one per core.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public PrivacyOverheadOptions(bool quick = false, int repeat = 5, int clients = 10, IReadOnlyList<int>? dimensions = null, int seed = 42, int workers = 0)
    {
        if (repeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(repeat), repeat, $"repeat must be at least 1; got {repeat}.");
        }

        if (clients < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients, $"secure aggregation and NISS need at least 2 clients; got {clients}.");
        }

        var dims = dimensions ?? (quick ? QuickDimensions : FullDimensions);
        if (dims.Count == 0 || dims.Any(d => d < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))), "the update lengths must be a non-empty list of positive numbers");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        Quick = quick;
        Repeat = repeat;
        Clients = clients;
        Dimensions = [.. dims];
        Seed = seed;
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
    }

    /// <summary>Whether the small run was asked for.</summary>
    public bool Quick { get; }

    /// <summary>Timed rounds per mechanism and length.</summary>
    public int Repeat { get; }

    /// <summary>Clients, all selected every round.</summary>
    public int Clients { get; }

    /// <summary>Update lengths, in order.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Seed of the deltas and the orchestrator.</summary>
    public int Seed { get; }

    /// <summary>Clients run at once (resolved).</summary>
    public int Workers { get; }

    /// <summary>C, the L2 clipping norm of every DP mechanism (the NISS paper's ζ = 3).</summary>
    public double ClipNorm { get; } = 3;

    /// <summary>σ of local DP's noise per coordinate.</summary>
    public double LocalNoiseStd { get; } = 0.05;

    /// <summary>z, central DP's noise multiplier (noise N(0, (zC)²) on the clipped sum).</summary>
    public double CentralNoiseMultiplier { get; } = 1.0;

    /// <summary>σ², NISS's unit noise variance (the paper's 0.01).</summary>
    public double NissUnitVariance { get; } = 0.01;

    /// <summary>σ_k², NISS's noise variance per client: 5 shares of σ² each.</summary>
    public double NissNoiseVariance { get; } = 0.05;

    /// <summary>τ, NISS's distortion of received shares.</summary>
    public double NissTau { get; } = 0.5;
}
