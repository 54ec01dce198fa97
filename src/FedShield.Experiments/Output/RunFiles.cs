namespace FedShield.Experiments.Output;

/// <summary>Names of the files a run directory holds.</summary>
public static class RunFiles
{
    /// <summary>The resolved configuration of the run (YAML text).</summary>
    public const string Config = "config.yaml";

    /// <summary>The run's summary (<see cref="RunSummary"/>).</summary>
    public const string Summary = "summary.json";

    /// <summary>Per-round metrics, one JSON object per line (<see cref="MetricsJournal"/>).</summary>
    public const string MetricsJsonl = "metrics.jsonl";

    /// <summary>Per-round metrics as CSV, derived from the same rows as <see cref="MetricsJsonl"/>.</summary>
    public const string MetricsCsv = "metrics.csv";

    /// <summary>The run report in Markdown.</summary>
    public const string ReportMarkdown = "report.md";

    /// <summary>The run report as one self-contained HTML page.</summary>
    public const string ReportHtml = "report.html";
}
