using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Experiments.Reproductions;

/// <summary>A reproduced table: our figures beside the paper's, one row per method and benchmark.</summary>
/// <param name="Id">The reproduction's id, e.g. <c>ffl-table3</c>.</param>
/// <param name="Title">What the table shows.</param>
/// <param name="Metrics">The metric columns, in order (names as in <see cref="ReproRow.Ours"/>).</param>
/// <param name="Rows">The measured rows, in the table's order.</param>
/// <param name="Quick">Whether the shortened settings were used (figures then are not comparable with the paper's).</param>
public sealed record ReproTable(string Id, string Title, IReadOnlyList<string> Metrics, IReadOnlyList<ReproRow> Rows, bool Quick)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // A diverged model's loss is NaN or infinite; the table says so rather than failing.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The table in Markdown: for each benchmark, a row per method with "ours (paper)" cells.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### {Id}: {Title}{(Quick ? " (quick settings, not comparable with the paper)" : "")}\n\n");
        foreach (var benchmark in Rows.Select(r => r.Benchmark).Distinct())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {benchmark} | {string.Join(" | ", Metrics.Select(Header))} | round |\n");
            text.Append("|---|").Append(string.Concat(Metrics.Select(_ => "---:|"))).Append("---:|\n");
            foreach (var row in Rows.Where(r => r.Benchmark == benchmark))
            {
                text.Append(CultureInfo.InvariantCulture, $"| {row.Method} | {string.Join(" | ", Metrics.Select(m => Cell(row, m)))} | {row.Round} |\n");
            }

            text.Append('\n');
        }

        text.Append("Cells: ours (paper). TE is the test loss; accuracies and ASR in percent.\n");
        return text.ToString();
    }

    /// <summary>The table as JSON (rows with our and the paper's figures).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>The display name of a metric column.</summary>
    public static string Header(string metric) => metric switch
    {
        "te" => "TE",
        "acc" => "All-Acc %",
        "src_acc" => "Src-Acc %",
        "asr" => "ASR %",
        _ => metric,
    };

    private static string Cell(ReproRow row, string metric)
    {
        string digits = metric == "te" ? "F3" : "F2";
        string ours = row.Ours.TryGetValue(metric, out var o) && double.IsFinite(o) ? o.ToString(digits, CultureInfo.InvariantCulture) : "–";
        return row.Paper.TryGetValue(metric, out var p) ? $"{ours} ({p.ToString(digits, CultureInfo.InvariantCulture)})" : ours;
    }
}
