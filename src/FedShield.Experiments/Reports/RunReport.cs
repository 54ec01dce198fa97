using System.Globalization;
using FedShield.Experiments.Output;

namespace FedShield.Experiments.Reports;

/// <summary>
/// The report of one run, built from its files only: <c>report.md</c> (headline numbers, final and best
/// accuracy and loss, rounds table, per-class accuracy, communication, time per phase, failures and skipped
/// rounds, mechanism measurements, config) and a self-contained <c>report.html</c> with the same content plus
/// inline SVG charts (accuracy, loss, cumulative traffic and time per phase per round). The output depends only
/// on the files, so rebuilding a report of a finished run gives the same bytes.
/// </summary>
public sealed partial class RunReport
{
    /// <summary>At most this many rows go into the rounds table; longer runs show evenly spaced rounds, the first and last included.</summary>
    public const int MaxTableRounds = 30;

    private RunReport(RunData run, ReportDocument document)
    {
        Run = run;
        Markdown = ReportMarkdown.Render(document);
        Html = ReportHtml.Render(document);
        Text = ReportText.Render(document);
    }

    /// <summary>The run the report describes.</summary>
    public RunData Run { get; }

    /// <summary>The report as Markdown (no charts; they are in the HTML).</summary>
    public string Markdown { get; }

    /// <summary>The report as one self-contained HTML page.</summary>
    public string Html { get; }

    /// <summary>The report as plain text for a terminal (no charts).</summary>
    public string Text { get; }

    /// <summary>Builds the report of a loaded run.</summary>
    public static RunReport Build(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var document = new ReportDocument("Run report: " + run.Name);
        foreach (string warning in run.Warnings)
        {
            document.Warning(warning);
        }

        AddHeadline(document, run);
        AddCharts(document, run);
        AddRounds(document, run);
        AddPerClass(document, run);
        AddCommunication(document, run);
        AddTimes(document, run);
        AddFailures(document, run);
        AddMechanisms(document, run);
        if (run.Summary is { Notes.Count: > 0 } summary)
        {
            document.Heading("Notes").Add(new ListBlock(summary.Notes));
        }

        document.Heading("Configuration");
        if (run.ConfigText is string config)
        {
            document.Add(new CodeBlock("yaml", config));
        }
        else
        {
            document.Paragraph($"No {RunFiles.Config} in the run directory.");
        }

        return new RunReport(run, document);
    }

    /// <summary>Reads the run in <paramref name="runDirectory"/> and builds its report.</summary>
    /// <exception cref="DirectoryNotFoundException">See <see cref="RunData.Load"/>.</exception>
    /// <exception cref="InvalidDataException">See <see cref="RunData.Load"/>.</exception>
    public static RunReport Build(string runDirectory) => Build(RunData.Load(runDirectory));

    /// <summary>
    /// Reads the run in <paramref name="runDirectory"/> and writes <c>report.md</c> and <c>report.html</c> into it,
    /// each through a temporary file and a rename.
    /// </summary>
    /// <returns>The full paths written: Markdown first, then HTML.</returns>
    /// <exception cref="DirectoryNotFoundException">See <see cref="RunData.Load"/>.</exception>
    /// <exception cref="InvalidDataException">See <see cref="RunData.Load"/>.</exception>
    public static IReadOnlyList<string> Write(string runDirectory)
    {
        var report = Build(runDirectory);
        string markdown = Path.Combine(report.Run.Directory, RunFiles.ReportMarkdown);
        string html = Path.Combine(report.Run.Directory, RunFiles.ReportHtml);
        AtomicFile.WriteAllText(markdown, report.Markdown);
        AtomicFile.WriteAllText(html, report.Html);
        return [markdown, html];
    }

    /// <summary>
    /// The rows shown in the rounds table: all of them up to <see cref="MaxTableRounds"/>; else evenly spaced
    /// evaluated rounds (all rounds when fewer than two were evaluated), first included, plus the last round.
    /// </summary>
    internal static IReadOnlyList<RoundRow> SampleRows(IReadOnlyList<RoundRow> rows)
    {
        if (rows.Count <= MaxTableRounds)
        {
            return rows;
        }

        var evaluated = rows.Where(r => !double.IsNaN(r.GetNumber(RoundFields.TestAccuracy))).ToArray();
        IReadOnlyList<RoundRow> pool = evaluated.Length >= 2 ? evaluated : rows;
        int take = Math.Min(pool.Count, MaxTableRounds - 1);
        return Enumerable.Range(0, take)
            .Select(i => pool[(int)Math.Round(i * (pool.Count - 1) / (double)Math.Max(1, take - 1))])
            .Append(rows[^1])
            .DistinctBy(r => r.Round)
            .OrderBy(r => r.Round)
            .ToArray();
    }

    private static string Round(int round) => round.ToString(CultureInfo.InvariantCulture);

    private static double Sum(IEnumerable<RoundRow> rows, string field) =>
        rows.Select(r => r.GetNumber(field)).Where(double.IsFinite).DefaultIfEmpty(0).Sum();
}
