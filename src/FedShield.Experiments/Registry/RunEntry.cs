namespace FedShield.Experiments.Registry;

/// <summary>
/// One run as the registry knows it: identity, configuration, progress and final metrics. Timestamps are
/// given by the caller (the registry reads no clock) and kept in UTC.
/// </summary>
public sealed record RunEntry
{
    /// <summary>Creates and validates a run entry.</summary>
    /// <param name="id">Unique run id (non-empty, at most 200 characters, no control characters).</param>
    /// <param name="name">Experiment name.</param>
    /// <param name="configHash">Hash of the resolved configuration.</param>
    /// <param name="status">Current status.</param>
    /// <param name="startedUtc">When the run started; converted to UTC.</param>
    /// <param name="roundsTotal">Rounds the run is configured for, &gt;= 1.</param>
    /// <param name="seed">Root seed.</param>
    /// <param name="dataset">Dataset name.</param>
    /// <param name="model">Model spec.</param>
    /// <param name="strategy">Strategy name (e.g. <c>fedavg</c>).</param>
    /// <param name="directory">The run directory: a fully qualified path, stored normalised (no trailing separator).</param>
    /// <param name="finishedUtc">When the run finished, not before <paramref name="startedUtc"/>; null while running (required null for <see cref="RunStatus.Running"/>).</param>
    /// <param name="roundsDone">Rounds finished, in [0, <paramref name="roundsTotal"/>].</param>
    /// <param name="finalAccuracy">Final test accuracy in [0, 1], or null.</param>
    /// <param name="finalLoss">Final test loss (finite), or null; a diverged run records null.</param>
    /// <exception cref="ArgumentException">An argument is blank or out of range, a running entry has a finish time, or the directory is not fully qualified.</exception>
    public RunEntry(
        string id,
        string name,
        string configHash,
        RunStatus status,
        DateTimeOffset startedUtc,
        int roundsTotal,
        long seed,
        string dataset,
        string model,
        string strategy,
        string directory,
        DateTimeOffset? finishedUtc = null,
        int roundsDone = 0,
        double? finalAccuracy = null,
        double? finalLoss = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Length > 200 || id.Any(char.IsControl))
        {
            throw new ArgumentException($"a run id is at most 200 characters without control characters, got '{id}'", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(configHash);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "not a defined run status");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(roundsTotal, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(roundsDone);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(roundsDone, roundsTotal);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Path.IsPathFullyQualified(directory))
        {
            throw new ArgumentException($"the run directory must be a fully qualified path, got '{directory}'", nameof(directory));
        }

        if (status == RunStatus.Running && finishedUtc is not null)
        {
            throw new ArgumentException("a running run has no finish time", nameof(finishedUtc));
        }

        if (finishedUtc < startedUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(finishedUtc), finishedUtc, $"a run cannot finish before it started ({startedUtc:o})");
        }

        if (finalAccuracy is { } accuracy && !(accuracy >= 0 && accuracy <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(finalAccuracy), accuracy, "accuracy must be in [0, 1]");
        }

        if (finalLoss is { } loss && !double.IsFinite(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(finalLoss), loss, "the loss must be finite (record null for a diverged run)");
        }

        Id = id;
        Name = name;
        ConfigHash = configHash;
        Status = status;
        StartedUtc = startedUtc.ToUniversalTime();
        FinishedUtc = finishedUtc?.ToUniversalTime();
        RoundsDone = roundsDone;
        RoundsTotal = roundsTotal;
        FinalAccuracy = finalAccuracy;
        FinalLoss = finalLoss;
        Seed = seed;
        Dataset = dataset;
        Model = model;
        Strategy = strategy;
        Directory = NormalizeDirectory(directory);
    }

    /// <summary>Unique run id.</summary>
    public string Id { get; }

    /// <summary>Experiment name.</summary>
    public string Name { get; }

    /// <summary>Hash of the resolved configuration; equal for runs of the same experiment.</summary>
    public string ConfigHash { get; }

    /// <summary>Current status.</summary>
    public RunStatus Status { get; }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>When the run finished (UTC); null while running.</summary>
    public DateTimeOffset? FinishedUtc { get; }

    /// <summary>Rounds finished so far.</summary>
    public int RoundsDone { get; }

    /// <summary>Rounds the run is configured for.</summary>
    public int RoundsTotal { get; }

    /// <summary>Final test accuracy in [0, 1], or null when not (yet) known.</summary>
    public double? FinalAccuracy { get; }

    /// <summary>Final test loss, or null when not (yet) known.</summary>
    public double? FinalLoss { get; }

    /// <summary>Root seed.</summary>
    public long Seed { get; }

    /// <summary>Dataset name.</summary>
    public string Dataset { get; }

    /// <summary>Model spec.</summary>
    public string Model { get; }

    /// <summary>Strategy name.</summary>
    public string Strategy { get; }

    /// <summary>The run directory, fully qualified, without a trailing separator.</summary>
    public string Directory { get; }

    /// <summary>A copy with the given fields changed, validated like a new entry; going back to running clears the finish time.</summary>
    internal RunEntry With(
        RunStatus? status = null,
        DateTimeOffset? finishedUtc = null,
        int? roundsDone = null,
        double? finalAccuracy = null,
        double? finalLoss = null,
        bool setMetrics = false) =>
        new(Id, Name, ConfigHash, status ?? Status, StartedUtc, RoundsTotal, Seed, Dataset, Model, Strategy, Directory,
            (status ?? Status) == RunStatus.Running ? null : finishedUtc ?? FinishedUtc, roundsDone ?? RoundsDone,
            setMetrics ? finalAccuracy : FinalAccuracy, setMetrics ? finalLoss : FinalLoss);

    /// <summary>The full path with "." and ".." resolved and no trailing separator (except for a root).</summary>
    internal static string NormalizeDirectory(string directory) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
}
