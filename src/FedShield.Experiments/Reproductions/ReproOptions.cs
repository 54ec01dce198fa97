using FedShield.Data.Sources;
using FedShield.Experiments.Running;

namespace FedShield.Experiments.Reproductions;

/// <summary>How a reproduction runs.</summary>
public sealed record ReproOptions
{
    /// <summary>The folder holding one run directory per experiment (reused when a run there is complete and has the same config).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Use the shortened settings.</summary>
    public bool Quick { get; init; }

    /// <summary>Which benchmarks to run; null for all.</summary>
    public IReadOnlyList<string>? Benchmarks { get; init; }

    /// <summary>Which rows to run, by slug (<see cref="FflReproduction.MethodSlugs"/>); null for all.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>Extra <c>key=value</c> settings for every run.</summary>
    public IReadOnlyList<string>? Overrides { get; init; }

    /// <summary>The run registry to record runs in, or null.</summary>
    public string? RegistryPath { get; init; }

    /// <summary>Where datasets are found.</summary>
    public DatasetLocator? Locator { get; init; }

    /// <summary>Per-round progress of each run, or null.</summary>
    public IRunListener? Listener { get; init; }

    /// <summary>Per-experiment progress, or null.</summary>
    public IReproProgress? Progress { get; init; }
}

/// <summary>Callbacks as a reproduction goes through its experiments.</summary>
public interface IReproProgress
{
    /// <summary>An experiment is about to run (or be reused).</summary>
    void ExperimentStarting(int index, int total, ReproExperiment experiment, string directory);

    /// <summary>An experiment's figures are in.</summary>
    void ExperimentFinished(int index, int total, ReproRow row);
}
