using System.Globalization;
using FedShield.Experiments.Output;

namespace FedShield.Experiments.Reports;

/// <summary>
/// Runs side by side, built from their directories only: one table (name, dataset, model, strategy, rounds,
/// final and best accuracy, final loss, traffic, duration, config hash) and one chart overlaying the test
/// accuracy per round of every run. Rendered as aligned text for a terminal, Markdown, and a self-contained
/// HTML page.
/// </summary>
public sealed class ComparisonReport
{
    /// <summary>File name of the text rendering written by <see cref="Write"/>.</summary>
    public const string TextFile = "comparison.txt";

    /// <summary>File name of the Markdown rendering written by <see cref="Write"/>.</summary>
    public const string MarkdownFile = "comparison.md";

    /// <summary>File name of the HTML rendering written by <see cref="Write"/>.</summary>
    public const string HtmlFile = "comparison.html";

    /// <summary>Characters of the config hash shown in the table.</summary>
    public const int HashLength = 12;

    private static readonly string[] Headers =
        ["Run", "Dataset", "Model", "Strategy", "Rounds", "Final accuracy", "Best accuracy", "Final loss", "Traffic", "Duration", "Config hash"];

    private static readonly bool[] Numeric = [false, false, false, false, true, true, true, true, true, true, false];

    private ComparisonReport(IReadOnlyList<RunData> runs, IReadOnlyList<string> labels)
    {
        Runs = runs;
        Labels = labels;
        Table = new TableBlock(Headers, runs.Select((run, i) => Row(run, labels[i])).ToArray(), Numeric);
        var document = new ReportDocument($"Comparison of {runs.Count} runs");
        document.Add(Table);
        var warnings = runs.SelectMany((run, i) => run.Warnings.Select(w => $"{labels[i]}: {w}")).ToArray();
        if (warnings.Length > 0)
        {
            document.Heading("Warnings").Add(new ListBlock(warnings));
        }

        document.Add(new NoChartsBlock($"The accuracy chart is in {HtmlFile}."));
        document.Add(new ChartBlock(AccuracyChart(runs, labels)));
        document.Heading("Run directories").Add(new ListBlock(runs.Select((run, i) => $"{labels[i]}: {run.Directory}").ToArray()));
        Text = ReportText.Render(document);
        Markdown = ReportMarkdown.Render(document);
        Html = ReportHtml.Render(document);
    }

    /// <summary>The runs compared, in the order given.</summary>
    public IReadOnlyList<RunData> Runs { get; }

    /// <summary>The name of each run in the table and legend: its name, with the directory name added where two runs share a name.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The comparison as aligned plain text (table, warnings; no chart).</summary>
    public string Text { get; }

    /// <summary>The comparison as Markdown (no chart).</summary>
    public string Markdown { get; }

    /// <summary>The comparison as one self-contained HTML page with the accuracy chart.</summary>
    public string Html { get; }

    /// <summary>The side-by-side table, rows in run order, cells as written in every rendering.</summary>
    internal TableBlock Table { get; }

    /// <summary>Reads the runs in <paramref name="runDirectories"/> and compares them.</summary>
    /// <exception cref="ArgumentException">No directory given.</exception>
    /// <exception cref="DirectoryNotFoundException">See <see cref="RunData.Load"/>.</exception>
    /// <exception cref="InvalidDataException">See <see cref="RunData.Load"/>.</exception>
    public static ComparisonReport Build(IReadOnlyList<string> runDirectories)
    {
        ArgumentNullException.ThrowIfNull(runDirectories);
        return Build(runDirectories.Select(RunData.Load).ToArray());
    }

    /// <summary>Compares loaded runs.</summary>
    /// <exception cref="ArgumentException">No run given.</exception>
    public static ComparisonReport Build(IReadOnlyList<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("Expected at least one run to compare.", nameof(runs));
        }

        return new ComparisonReport(runs, MakeLabels(runs));
    }

    /// <summary>
    /// Writes <see cref="TextFile"/>, <see cref="MarkdownFile"/> and <see cref="HtmlFile"/> into
    /// <paramref name="outputDirectory"/> (created if missing), each through a temporary file and a rename.
    /// </summary>
    /// <returns>The full paths written: text, Markdown, HTML.</returns>
    public IReadOnlyList<string> Write(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        string directory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(directory);
        var written = new[] { (TextFile, Text), (MarkdownFile, Markdown), (HtmlFile, Html) }
            .Select(f =>
            {
                string path = Path.Combine(directory, f.Item1);
                AtomicFile.WriteAllText(path, f.Item2);
                return path;
            })
            .ToArray();
        return written;
    }

    private static string[] Row(RunData run, string label)
    {
        var s = run.Summary;
        string planned = s is { RoundsTotal: > 0 } ? "/" + s.RoundsTotal.ToString(CultureInfo.InvariantCulture) : "";
        string hash = s?.ConfigHash is { Length: > 0 } h ? h[..Math.Min(HashLength, h.Length)] : ReportFormat.Missing;
        return
        [
            label,
            Or(s?.Dataset),
            Or(s?.Model),
            Or(s?.Strategy),
            run.Rounds.ToString(CultureInfo.InvariantCulture) + planned,
            ReportFormat.Percent(run.Final?.Accuracy),
            run.Best is { } b ? $"{ReportFormat.Percent(b.Accuracy)} (r{b.Round.ToString(CultureInfo.InvariantCulture)})" : ReportFormat.Missing,
            ReportFormat.Loss(run.Final?.Loss),
            ReportFormat.Bytes(run.Traffic.Total),
            s is null ? ReportFormat.Missing : ReportFormat.Duration(s.DurationSeconds),
            hash,
        ];
    }

    private static string AccuracyChart(IReadOnlyList<RunData> runs, IReadOnlyList<string> labels)
    {
        var chart = new SvgLineChart(new SvgLineChartOptions("Test accuracy per round", "round", "test accuracy")
        {
            Id = "chart-comparison-accuracy",
            YFormat = TickFormat.Percent,
        });
        for (int i = 0; i < runs.Count; i++)
        {
            var rows = runs[i].Rows;
            chart.Add(labels[i], rows.Select(r => (double)r.Round).ToArray(), rows.Select(r => r.GetNumber(RoundFields.TestAccuracy)).ToArray());
        }

        return chart.ToSvg();
    }

    // Names as given; where several runs share one, the directory name is added, then a number if that is not enough.
    private static string[] MakeLabels(IReadOnlyList<RunData> runs)
    {
        string[] labels = runs.Select(r => r.Name).ToArray();
        for (int pass = 0; pass < 2; pass++)
        {
            var duplicated = labels.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < labels.Length; i++)
            {
                if (duplicated.Contains(labels[i]))
                {
                    labels[i] = pass == 0
                        ? $"{labels[i]} ({Path.GetFileName(runs[i].Directory)})"
                        : $"{labels[i]} #{(numbers[labels[i]] = numbers.GetValueOrDefault(labels[i]) + 1).ToString(CultureInfo.InvariantCulture)}";
                }
            }
        }

        return labels;
    }

    private static string Or(string? text) => string.IsNullOrEmpty(text) ? ReportFormat.Missing : text;
}
