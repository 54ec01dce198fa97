using FedShield.Experiments.Output;
using FedShield.Federation.Messages;

namespace FedShield.Experiments.Reports;

/// <summary>
/// What a run directory holds, read from disk only: the config text, the summary, the round rows and what they
/// add up to. Missing files become <see cref="Warnings"/> (a killed run has no final summary, a run killed before
/// its first round no metrics); damaged files are errors.
/// </summary>
public sealed class RunData
{
    private RunData(string directory, string? configText, RunSummary? summary, IReadOnlyList<RoundRow> rows, IReadOnlyList<string> warnings)
    {
        Directory = directory;
        ConfigText = configText;
        Summary = summary;
        Rows = rows;
        Warnings = warnings;
        Results = RunResults.From(rows);
    }

    /// <summary>Full path of the run directory.</summary>
    public string Directory { get; }

    /// <summary>The run's name: the summary's, else the directory's name.</summary>
    public string Name => Summary?.Name is { Length: > 0 } name ? name : Path.GetFileName(Directory);

    /// <summary>Text of <c>config.yaml</c>, or null when absent.</summary>
    public string? ConfigText { get; }

    /// <summary>The parsed <c>summary.json</c>, or null when absent.</summary>
    public RunSummary? Summary { get; }

    /// <summary>The rows of <c>metrics.jsonl</c> (empty when absent), a torn last line left out.</summary>
    public IReadOnlyList<RoundRow> Rows { get; }

    /// <summary>What the rows add up to.</summary>
    public RunResults Results { get; }

    /// <summary>The last evaluation: from the rows, else from the summary.</summary>
    public FinalResult? Final => Rows.Count > 0 ? Results.Final : Summary?.Final;

    /// <summary>The best evaluation: from the rows, else from the summary.</summary>
    public BestResult? Best => Rows.Count > 0 ? Results.Best : Summary?.Best;

    /// <summary>Bytes over the run: from the rows, else from the summary.</summary>
    public Traffic Traffic => Rows.Count > 0 ? Results.Traffic : Summary?.Traffic ?? default;

    /// <summary>Rounds finished: from the rows, else from the summary.</summary>
    public int Rounds => Rows.Count > 0 ? Results.LastRound : Summary?.Rounds ?? 0;

    /// <summary>Things the reader should know: missing files, a torn last line, a summary that disagrees with the rows.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads the run in <paramref name="runDirectory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">The directory holds none of the run files, or <c>summary.json</c> or <c>metrics.jsonl</c> is damaged (the message names the file).</exception>
    public static RunData Load(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        string directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDirectory));
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Run directory '{runDirectory}' does not exist.");
        }

        string configPath = Path.Combine(directory, RunFiles.Config);
        string summaryPath = Path.Combine(directory, RunFiles.Summary);
        string metricsPath = Path.Combine(directory, RunFiles.MetricsJsonl);
        if (!File.Exists(configPath) && !File.Exists(summaryPath) && !File.Exists(metricsPath))
        {
            throw new InvalidDataException(
                $"'{runDirectory}' is not a run directory: it has none of {RunFiles.Config}, {RunFiles.Summary}, {RunFiles.MetricsJsonl}.");
        }

        var warnings = new List<string>();
        string? config = File.Exists(configPath) ? File.ReadAllText(configPath) : null;
        if (config is null)
        {
            warnings.Add($"No {RunFiles.Config}: the configuration is unknown.");
        }

        RunSummary? summary = null;
        if (File.Exists(summaryPath))
        {
            summary = RunSummary.Read(summaryPath);
        }
        else
        {
            warnings.Add($"No {RunFiles.Summary}: the run may have been killed before writing it; results come from the round rows.");
        }

        IReadOnlyList<RoundRow> rows = [];
        if (File.Exists(metricsPath))
        {
            var contents = MetricsJournal.Read(directory);
            rows = contents.Rows;
            if (contents.Describe() is string torn)
            {
                warnings.Add(torn);
            }
        }
        else
        {
            warnings.Add($"No {RunFiles.MetricsJsonl}: no round was recorded.");
        }

        var data = new RunData(directory, config, summary, rows, warnings);
        if (summary is not null && rows.Count > 0 && summary.Rounds != data.Results.LastRound)
        {
            warnings.Add($"{RunFiles.Summary} says {summary.Rounds} rounds but {RunFiles.MetricsJsonl} ends at round {data.Results.LastRound} (a run still going or killed); the report follows the rows.");
        }

        return data;
    }
}
