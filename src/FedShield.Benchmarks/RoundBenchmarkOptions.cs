using FedShield.Learning;

namespace FedShield.Benchmarks;

/// <summary>
/// What <see cref="RoundBenchmark"/> runs: a workload (model, local optimizer and per-client data
/// shape), the federation's size, the local training, the number of timed rounds and the
/// parallelism. Values left null take the workload's defaults.
/// </summary>
/// <remarks>
/// Workloads: <c>mnist-cnn</c> (the timing workload, matched by <c>tools/pytorch/bench_round.py</c>):
/// 600 synthetic (1, 28, 28) samples per client, 3 epochs, batch 64, SGD lr 0.01 momentum 0.9;
/// <c>adult-mlp</c> (the memory workload): 32 synthetic samples of 105 features per client, binary
/// labels, 1 epoch, batch 32, Adam lr 0.001. Both reset the optimizer every round (FedAvg).
/// </remarks>
public sealed record RoundBenchmarkOptions
{
    /// <summary>The workloads the round benchmark knows.</summary>
    public static readonly IReadOnlyList<string> KnownWorkloads = ["mnist-cnn", "adult-mlp"];

    /// <summary>Features per sample of the synthetic tabular data set (the encoded UCI Adult width).</summary>
    public const int AdultFeatureCount = 105;

    /// <summary>Creates validated options.</summary>
    /// <param name="workload">The workload's name, one of <see cref="KnownWorkloads"/>.</param>
    /// <param name="clients">Clients in the federation, all selected every round (≥ 1).</param>
    /// <param name="samples">Training samples per client (≥ 1); null for the workload's default.</param>
    /// <param name="epochs">Local epochs per round (≥ 1); null for the workload's default.</param>
    /// <param name="batchSize">Local mini-batch size (≥ 1); null for the workload's default.</param>
    /// <param name="rounds">Timed rounds after the untimed warm-up round (≥ 1).</param>
    /// <param name="workers">Clients trained at once (≥ 0); 0 means one per logical core.</param>
    /// <param name="seed">Seed of the data, the initial model and the run.</param>
    /// <param name="runReference">Whether to run the PyTorch side when PyTorch is installed.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below its minimum; the message names it.</exception>
    /// <exception cref="ArgumentException">The workload is unknown; the message lists the known ones.</exception>
    public RoundBenchmarkOptions(
        string workload = "mnist-cnn",
        int clients = 50,
        int? samples = null,
        int? epochs = null,
        int? batchSize = null,
        int rounds = 1,
        int workers = 0,
        int seed = 42,
        bool runReference = true)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (!KnownWorkloads.Contains(workload))
        {
            throw new ArgumentException($"unknown workload '{workload}'; expected one of: {string.Join(", ", KnownWorkloads)}", nameof(workload));
        }

        bool cnn = workload == "mnist-cnn";
        Workload = workload;
        Clients = AtLeast(clients, 1, nameof(clients));
        Samples = AtLeast(samples ?? (cnn ? 600 : 32), 1, nameof(samples));
        Epochs = AtLeast(epochs ?? (cnn ? 3 : 1), 1, nameof(epochs));
        BatchSize = AtLeast(batchSize ?? (cnn ? 64 : 32), 1, nameof(batchSize));
        Rounds = AtLeast(rounds, 1, nameof(rounds));
        Workers = AtLeast(workers, 0, nameof(workers)) == 0 ? Environment.ProcessorCount : workers;
        Seed = seed;
        RunReference = runReference;
        Optimizer = cnn ? OptimizerSpec.Sgd(0.01, momentum: 0.9) : OptimizerSpec.Adam(1e-3);
        if ((long)Clients * Samples > int.MaxValue / (cnn ? 28 * 28 : AdultFeatureCount))
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients, $"clients × samples = {(long)Clients * Samples} is too many samples for one in-memory data set of this workload.");
        }
    }

    /// <summary>The workload's name.</summary>
    public string Workload { get; }

    /// <summary>Clients in the federation; every one trains every round.</summary>
    public int Clients { get; }

    /// <summary>Training samples per client.</summary>
    public int Samples { get; }

    /// <summary>Local epochs per round.</summary>
    public int Epochs { get; }

    /// <summary>Local mini-batch size; an epoch's last batch may be smaller.</summary>
    public int BatchSize { get; }

    /// <summary>Timed rounds; the report gives their mean.</summary>
    public int Rounds { get; }

    /// <summary>Clients trained at once (resolved: never 0).</summary>
    public int Workers { get; }

    /// <summary>Seed of the data, the initial model and the run.</summary>
    public int Seed { get; }

    /// <summary>Whether to run the PyTorch side when PyTorch is installed.</summary>
    public bool RunReference { get; }

    /// <summary>The local optimizer of the workload (fresh every round).</summary>
    public OptimizerSpec Optimizer { get; }

    private static int AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}; got {value}.");
        }

        return value;
    }
}
