namespace FedShield.Benchmarks;

/// <summary>What <see cref="EngineBenchmark"/> runs: workloads, epochs over one client's share of samples, batch size and seed.</summary>
public sealed record EngineBenchmarkOptions
{
    /// <summary>The workloads the benchmark knows.</summary>
    public static readonly IReadOnlyList<string> KnownWorkloads = ["mnist-cnn", "adult-mlp"];

    /// <summary>Creates validated options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    /// <exception cref="ArgumentException">A workload name is unknown.</exception>
    public EngineBenchmarkOptions(int epochs = 5, int samples = 600, int batchSize = 64, int seed = 1, IReadOnlyList<string>? workloads = null, bool runReference = true, int warmupEpochs = 1)
    {
        AtLeast(epochs, 1, nameof(epochs));
        AtLeast(samples, 1, nameof(samples));
        AtLeast(batchSize, 1, nameof(batchSize));
        AtLeast(warmupEpochs, 0, nameof(warmupEpochs));
        workloads ??= KnownWorkloads;
        foreach (var w in workloads)
        {
            if (!KnownWorkloads.Contains(w))
            {
                throw new ArgumentException($"unknown workload '{w}'; expected one of: {string.Join(", ", KnownWorkloads)}", nameof(workloads));
            }
        }

        Epochs = epochs;
        Samples = samples;
        BatchSize = batchSize;
        Seed = seed;
        Workloads = workloads;
        RunReference = runReference;
        WarmupEpochs = warmupEpochs;
    }

    /// <summary>Timed passes over the samples.</summary>
    public int Epochs { get; }

    /// <summary>Samples per epoch (600: one client's share of MNIST over 100 clients).</summary>
    public int Samples { get; }

    /// <summary>Mini-batch size; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; }

    /// <summary>Seed for weights, data and shuffling.</summary>
    public int Seed { get; }

    /// <summary>Workloads to run, by name.</summary>
    public IReadOnlyList<string> Workloads { get; }

    /// <summary>Whether to run the PyTorch reference script when PyTorch is installed.</summary>
    public bool RunReference { get; }

    /// <summary>Untimed passes before timing starts (JIT, pools, caches).</summary>
    public int WarmupEpochs { get; }

    private static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}; got {value}.");
        }
    }
}
