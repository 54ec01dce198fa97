using System.Globalization;
using FedShield.Data.Sources;
using FedShield.Experiments.Checkpoints;
using FedShield.Experiments.Config;
using FedShield.Experiments.Output;
using FedShield.Experiments.Registry;
using FedShield.Experiments.Reports;
using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Learning;
using FedShield.Nn.Serialization;

using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Experiments.Running;

/// <summary>
/// Runs an experiment end to end: builds the federation, runs the rounds, journals every round,
/// checkpoints every K rounds, and writes the final model, the summary and the reports into the
/// run directory, keeping the run registry up to date. <see cref="ResumeAsync"/> continues a run
/// from its last checkpoint to the same result an uninterrupted run gives.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>The final model's file name in a run directory.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>Starts a new run of <paramref name="config"/>.</summary>
    /// <exception cref="ExperimentSetupException">The experiment cannot be set up (message names the key).</exception>
    /// <exception cref="DatasetNotFoundException">The dataset's files are nowhere to be found.</exception>
    public static async Task<RunOutcome> RunAsync(ExperimentConfig config, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        FederationSetup.ParseModel(config.Model); // a bad model spec fails before any directory is made
        using var setup = Build(config, options);
        var directory = CreateRunDirectory(config, options);
        var runId = Path.GetFileName(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, RunFiles.Config), config.ToYaml());
        var started = options.Time.GetUtcNow();
        var summary = Running(new RunSummary { Name = config.Name, RunId = runId, StartedUtc = started }, setup, [setup.DataNote, .. Optional(setup.AttackNote), .. Optional(setup.PrivacyNote)]);
        summary.Write(Path.Combine(directory, RunFiles.Summary));
        var registry = OpenRegistry(options);
        registry?.Register(new RunEntry(runId, config.Name, config.ConfigHash, RunStatus.Running, started, config.Rounds, config.Seed, config.Data.Dataset, config.Model, summary.Strategy, directory));
        var journal = MetricsJournal.Open(directory);
        return await LoopAsync(setup, journal, summary, directory, options, registry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues the run in <paramref name="runDirectory"/> from its last checkpoint (or from the
    /// start when it has none), dropping journal rows written after that checkpoint.
    /// </summary>
    /// <exception cref="ExperimentSetupException">The directory holds no run, a finished run, or a checkpoint of another config.</exception>
    public static async Task<RunOutcome> ResumeAsync(string runDirectory, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(runDirectory);
        var configPath = Path.Combine(directory, RunFiles.Config);
        if (!File.Exists(configPath))
        {
            throw new ExperimentSetupException($"{directory} is not a run directory: it has no {RunFiles.Config}");
        }

        var config = ExperimentConfigLoader.Load(configPath);
        var summaryPath = Path.Combine(directory, RunFiles.Summary);
        var summary = File.Exists(summaryPath) ? RunSummary.Read(summaryPath) : null;
        if (summary is { Status: RunStatus.Completed })
        {
            throw new ExperimentSetupException($"the run in {directory} already completed {summary.Rounds} rounds; nothing to resume");
        }

        using var setup = Build(config, options);
        var checkpointPath = Path.Combine(directory, CheckpointFile.FileName);
        var round = 0;
        if (File.Exists(checkpointPath))
        {
            var state = CheckpointFile.Read(checkpointPath);
            if (state.GetValue("config_hash") != config.ConfigHash)
            {
                throw new ExperimentSetupException($"{checkpointPath} was written for config {state.GetValue("config_hash")[..12]}, but {RunFiles.Config} now hashes to {config.ConfigHash[..12]}: the config was edited after the run started");
            }

            setup.Orchestrator.ImportState(state.Extract("server."));
            setup.Simulation?.ImportClientStates(state.Extract("clients."));
            round = setup.Orchestrator.Round;

            // The accountant's state is a function of the rounds already run: replay them, counting every
            // round (a skipped round spent no budget, so this can only overstate epsilon, never understate it).
            if (setup.Privacy?.Accounting is { } accounting && round > 0)
            {
                accounting.Accountant.AddSampledGaussian(accounting.Options.SamplingRate, accounting.Options.NoiseMultiplier, round);
                if (setup.Privacy.Budget is PrivacyBudget budget && accounting.SpentAfter(1).Epsilon > budget.EpsilonBudget)
                {
                    throw new ExperimentSetupException($"the privacy budget epsilon = {budget.EpsilonBudget} is spent: after {round} rounds epsilon is {accounting.Spent.Epsilon:0.###} and one more round would exceed it");
                }
            }
        }

        var journal = MetricsJournal.Open(directory);
        journal.Truncate(round);
        var runId = summary?.RunId ?? Path.GetFileName(directory);
        summary = Running(
            summary ?? new RunSummary { Name = config.Name, RunId = runId, StartedUtc = options.Time.GetUtcNow() },
            setup,
            [setup.DataNote, .. Optional(setup.AttackNote), .. Optional(setup.PrivacyNote), round > 0 ? $"resumed from the checkpoint of round {round}" : "restarted from round 1 (no checkpoint)"]);
        summary.Write(summaryPath);
        var registry = OpenRegistry(options);
        if (registry is not null)
        {
            if (registry.Get(runId) is null)
            {
                registry.Register(new RunEntry(runId, config.Name, config.ConfigHash, RunStatus.Running, summary.StartedUtc, config.Rounds, config.Seed, config.Data.Dataset, config.Model, summary.Strategy, directory, roundsDone: round));
            }
            else
            {
                registry.UpdateStatus(runId, RunStatus.Running);
                registry.UpdateProgress(runId, round);
            }
        }

        return await LoopAsync(setup, journal, summary, directory, options, registry, cancellationToken).ConfigureAwait(false);
    }

    // The summary of a run that is (again) in progress: what the config and the built federation say.
    private static IEnumerable<string> Optional(string? note) => note is null ? [] : [note];

    private static RunSummary Running(RunSummary summary, FederationSetup setup, IReadOnlyList<string> notes) => summary with
    {
        Status = RunStatus.Running,
        RoundsTotal = setup.Config.Rounds,
        Seed = setup.Config.Seed,
        ConfigHash = setup.Config.ConfigHash,
        Dataset = setup.Config.Data.Dataset,
        Model = setup.Config.Model,
        Strategy = setup.Orchestrator.Strategy.Name,
        Parameters = setup.ParameterCount,
        FinishedUtc = null,
        Notes = notes,
    };

    private static FederationSetup Build(ExperimentConfig config, RunOptions options)
    {
        var locator = options.Locator ?? new DatasetLocator(DatasetLocatorOptions.FromEnvironment());
        return FederationSetup.Create(config, locator, options.Listener, options.RoundMetrics, options.Time, options.Transport);
    }

    private static async Task<RunOutcome> LoopAsync(FederationSetup setup, MetricsJournal journal, RunSummary summary, string directory, RunOptions options, RunRegistry? registry, CancellationToken cancellationToken)
    {
        var config = setup.Config;
        var orchestrator = setup.Orchestrator;
        var listener = options.Listener;
        var invocationStart = options.Time.GetUtcNow();
        var last = journal.Rows.Count > 0 ? journal.Rows[^1] : null;
        var traffic = last is null ? default : new Traffic(last.GetInteger(RoundFields.BytesSentTotal), last.GetInteger(RoundFields.BytesReceivedTotal));
        listener?.RunStarted(new RunInfo(summary.RunId, directory, config.Name, config.ConfigHash, orchestrator.Round + 1, config.Rounds, setup.ParameterCount, setup.DataNote, setup.Simulation?.Options.Workers ?? 0, setup.AttackNote, setup.PrivacyNote));
        var stopReason = $"completed {config.Rounds} rounds";
        var status = RunStatus.Completed;
        try
        {
            while (orchestrator.Round < config.Rounds)
            {
                if (options.StopAfterRound > 0 && orchestrator.Round >= options.StopAfterRound)
                {
                    status = RunStatus.Interrupted;
                    stopReason = $"stopped after round {orchestrator.Round} as asked";
                    listener?.CheckpointWritten(orchestrator.Round, WriteCheckpoint(setup, directory)); // between rounds: always consistent
                    break;
                }

                var round = orchestrator.Round + 1;
                var record = await orchestrator.RunRoundAsync(config.Evaluation.IsEvaluationRound(round, config.Rounds), cancellationToken).ConfigureAwait(false);
                var row = RoundRows.From(record, traffic);
                traffic += record.Traffic;
                journal.Append(row);
                listener?.RoundWritten(row, record);
                if (config.Checkpoint.IsCheckpointRound(round) && round < config.Rounds)
                {
                    listener?.CheckpointWritten(round, WriteCheckpoint(setup, directory));
                }

                registry?.UpdateProgress(summary.RunId, round);
                if (setup.Privacy?.Budget?.ShouldStop(record) is { } budgetReason)
                {
                    stopReason = budgetReason;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Interrupted;
            stopReason = $"interrupted during round {orchestrator.Round + 1}";

            // Clients that keep optimizer state may have been cancelled half way through a round; only a
            // stateless federation whose last round is fully journaled can be checkpointed safely here.
            if (config.Training.OptimizerState == OptimizerStateMode.Reset && journal.LastRound == orchestrator.Round && orchestrator.Round > 0)
            {
                listener?.CheckpointWritten(orchestrator.Round, WriteCheckpoint(setup, directory));
            }
        }
        catch (Exception)
        {
            Finish(setup, journal, summary, directory, options, registry, invocationStart, RunStatus.Failed, writeModel: false);
            throw;
        }

        if (status == RunStatus.Completed)
        {
            WriteCheckpoint(setup, directory);
        }

        var final = Finish(setup, journal, summary, directory, options, registry, invocationStart, status, writeModel: status == RunStatus.Completed);
        return new RunOutcome(directory, final, stopReason);
    }

    private static RunSummary Finish(FederationSetup setup, MetricsJournal journal, RunSummary summary, string directory, RunOptions options, RunRegistry? registry, DateTimeOffset invocationStart, RunStatus status, bool writeModel)
    {
        if (writeModel)
        {
            using var lease = setup.Pool.Rent();
            lease.Model.SetParameters(setup.Orchestrator.Weights.Span);
            Safetensors.Save(lease.Model, Path.Combine(directory, ModelFile), new Dictionary<string, string>
            {
                ["fedshield.model"] = setup.Config.Model,
                ["fedshield.round"] = setup.Orchestrator.Round.ToString(CultureInfo.InvariantCulture),
                ["fedshield.config_hash"] = setup.Config.ConfigHash,
            });
        }

        var finished = options.Time.GetUtcNow();
        var final = summary.WithResults(RunResults.From(journal.Rows)) with
        {
            Status = status,
            FinishedUtc = finished,
            DurationSeconds = summary.DurationSeconds + Math.Max(0, (finished - invocationStart).TotalSeconds), // summed over invocations when resumed
        };
        final.Write(Path.Combine(directory, RunFiles.Summary));
        RunReport.Write(directory);
        registry?.Finish(summary.RunId, status, finished, setup.Orchestrator.Round, final.Final?.Accuracy, final.Final?.Loss is double l && double.IsFinite(l) ? l : null);

        return final;
    }

    private static string WriteCheckpoint(FederationSetup setup, string directory)
    {
        var bag = new StateBag();
        bag.SetValue("config_hash", setup.Config.ConfigHash);
        bag.Merge("server.", setup.Orchestrator.ExportState());
        if (setup.Simulation is { } simulation)
        {
            bag.Merge("clients.", simulation.ExportClientStates());
        }
        var path = Path.Combine(directory, CheckpointFile.FileName);
        CheckpointFile.Write(path, bag);
        return path;
    }

    // Opened once per invocation: the constructor checks the schema, which need not happen every round.
    private static RunRegistry? OpenRegistry(RunOptions options) =>
        options.RegistryPath is null ? null : new RunRegistry(options.RegistryPath);

    private static string CreateRunDirectory(ExperimentConfig config, RunOptions options)
    {
        if (options.RunDirectory is { } explicitDir)
        {
            var full = Path.GetFullPath(explicitDir);
            if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            {
                throw new ExperimentSetupException(File.Exists(Path.Combine(full, RunFiles.Config))
                    ? $"{full} already holds a run; continue it with `fedshield resume {explicitDir}` or choose another --out"
                    : $"{full} is not empty; choose an empty or new directory for --out");
            }

            Directory.CreateDirectory(full);
            return full;
        }

        var root = Path.GetFullPath(config.Output);
        Directory.CreateDirectory(root);
        var stamp = options.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? $"{config.Name}-{stamp}" : $"{config.Name}-{stamp}-{n}";
            var candidate = Path.Combine(root, name);
            try
            {
                // CreateDirectory succeeds on an existing directory, so claim the name with a marker file.
                Directory.CreateDirectory(candidate);
                using (new FileStream(Path.Combine(candidate, ".fedshield-run"), FileMode.CreateNew))
                {
                }

                return candidate;
            }
            catch (IOException) when (n < 1000)
            {
            }
        }
    }
}
