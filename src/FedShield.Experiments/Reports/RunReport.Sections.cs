using System.Globalization;
using FedShield.Experiments.Output;

namespace FedShield.Experiments.Reports;

/// <summary>The sections of a run report.</summary>
public sealed partial class RunReport
{
    private static void AddHeadline(ReportDocument document, RunData run)
    {
        var s = run.Summary;
        var facts = new List<KeyValuePair<string, string>>();
        void Fact(string label, string value) => facts.Add(new(label, value));

        Fact("Status", s is null ? "unknown (no summary)" : s.Status.ToString().ToLowerInvariant());
        if (s is not null)
        {
            Fact("Run id", s.RunId);
            Fact("Dataset", Or(s.Dataset));
            Fact("Model", s.Parameters > 0 ? $"{Or(s.Model)} ({ReportFormat.Integer(s.Parameters)} parameters)" : Or(s.Model));
            Fact("Strategy", Or(s.Strategy));
        }

        string planned = s is { RoundsTotal: > 0 } ? $" of {s.RoundsTotal}" : "";
        Fact("Rounds", Round(run.Rounds) + planned);
        Fact("Final accuracy", run.Final is { } f ? $"{ReportFormat.Percent(f.Accuracy)} (round {Round(f.Round)})" : ReportFormat.Missing);
        Fact("Final loss", ReportFormat.Loss(run.Final?.Loss));
        Fact("Best accuracy", run.Best is { } b ? $"{ReportFormat.Percent(b.Accuracy)} (round {Round(b.Round)})" : ReportFormat.Missing);
        Fact("Traffic", $"{ReportFormat.Bytes(run.Traffic.Total)} ({ReportFormat.Bytes(run.Traffic.Sent)} sent, {ReportFormat.Bytes(run.Traffic.Received)} received)");
        if (s is not null)
        {
            Fact("Duration", s.FinishedUtc is null && s.DurationSeconds == 0 ? ReportFormat.Missing : ReportFormat.Duration(s.DurationSeconds));
            Fact("Started", ReportFormat.Timestamp(s.StartedUtc));
            Fact("Finished", ReportFormat.Timestamp(s.FinishedUtc));
            Fact("Seed", s.Seed.ToString(CultureInfo.InvariantCulture));
            Fact("Config hash", Or(s.ConfigHash));
        }

        document.Heading("Summary").Add(new FactsBlock(facts));
    }

    private static readonly string[] TargetedMetrics = ["src_acc", "asr", "backdoor_acc"];

    private static void AddCharts(ReportDocument document, RunData run)
    {
        var rows = run.Rows;
        if (rows.Count == 0)
        {
            return;
        }

        double[] x = rows.Select(r => (double)r.Round).ToArray();
        double[] Column(string field) => rows.Select(r => r.GetNumber(field)).ToArray();

        document.Heading("Charts");
        document.Add(new NoChartsBlock($"The charts are in {RunFiles.ReportHtml}."));
        document.Add(new ChartBlock(new SvgLineChart(new SvgLineChartOptions("Test accuracy per round", "round", "test accuracy") { Id = "chart-accuracy", YFormat = TickFormat.Percent })
            .Add("test accuracy", x, Column(RoundFields.TestAccuracy)).ToSvg()));
        document.Add(new ChartBlock(new SvgLineChart(new SvgLineChartOptions("Loss per round", "round", "loss") { Id = "chart-loss" })
            .Add("test loss", x, Column(RoundFields.TestLoss))
            .Add("train loss (mean of clients)", x, Column(RoundFields.TrainLoss)).ToSvg()));
        // Targeted-attack metrics (source-class accuracy, attack success rate, backdoor accuracy), when the run has them.
        string[] targeted = [.. TargetedMetrics.Where(name => rows.Any(r => double.IsFinite(r.GetNumber(name))))];
        if (targeted.Length > 0)
        {
            var chart = new SvgLineChart(new SvgLineChartOptions("Attack metrics per round", "round", "fraction of test samples") { Id = "chart-attack", YFormat = TickFormat.Percent });
            foreach (var name in targeted)
            {
                chart.Add(name, x, Column(name));
            }

            document.Add(new ChartBlock(chart.ToSvg()));
        }

        document.Add(new ChartBlock(new SvgLineChart(new SvgLineChartOptions("Cumulative communication", "round", "bytes") { Id = "chart-traffic", YFormat = TickFormat.Bytes })
            .Add("sent (server to clients)", x, Column(RoundFields.BytesSentTotal))
            .Add("received (clients to server)", x, Column(RoundFields.BytesReceivedTotal)).ToSvg()));
        document.Add(new ChartBlock(new SvgLineChart(new SvgLineChartOptions("Time per phase", "round", "seconds") { Id = "chart-time" })
            .Add("training", x, Column(RoundFields.TimeTrain))
            .Add("aggregation", x, Column(RoundFields.TimeAggregate))
            .Add("evaluation", x, Column(RoundFields.TimeEvaluate))
            .Add("whole round", x, Column(RoundFields.TimeRound)).ToSvg()));
    }

    private static void AddRounds(ReportDocument document, RunData run)
    {
        document.Heading("Rounds");
        if (run.Rows.Count == 0)
        {
            document.Paragraph("No round was recorded.");
            return;
        }

        var shown = SampleRows(run.Rows);
        if (shown.Count < run.Rows.Count)
        {
            document.Paragraph($"{shown.Count} of {run.Rows.Count} rounds: evenly spaced evaluated rounds and the last one; {RunFiles.MetricsCsv} holds them all.");
        }

        var table = shown.Select(r => (IReadOnlyList<string>)
        [
            Round(r.Round),
            r.GetText(RoundFields.Status) ?? ReportFormat.Missing,
            $"{r.GetInteger(RoundFields.ClientsSucceeded)}/{r.GetInteger(RoundFields.ClientsSelected)}",
            r.GetInteger(RoundFields.ClientsFailed).ToString(CultureInfo.InvariantCulture),
            ReportFormat.Loss(r.GetNumber(RoundFields.TrainLoss)),
            ReportFormat.Loss(r.GetNumber(RoundFields.TestLoss)),
            ReportFormat.Percent(r.GetNumber(RoundFields.TestAccuracy)),
            ReportFormat.Bytes(r.GetNumber(RoundFields.BytesSent)),
            ReportFormat.Bytes(r.GetNumber(RoundFields.BytesReceived)),
            ReportFormat.Seconds(r.GetNumber(RoundFields.TimeRound)),
        ]).ToArray();
        document.Add(new TableBlock(
            ["Round", "Status", "Clients ok/selected", "Failed", "Train loss", "Test loss", "Test accuracy", "Sent", "Received", "Round time"],
            table,
            [true, false, true, true, true, true, true, true, true, true]));
    }

    private static void AddPerClass(ReportDocument document, RunData run)
    {
        var last = run.Rows.LastOrDefault(r => r.GetNumbers(RoundFields.PerClassAccuracy) is not null);
        if (last is null)
        {
            return;
        }

        var perClass = last.GetNumbers(RoundFields.PerClassAccuracy)!;
        document.Heading("Per-class accuracy");
        var measured = Enumerable.Range(0, perClass.Count).Where(k => double.IsFinite(perClass[k])).ToArray();
        string text = $"Final evaluation (round {Round(last.Round)}).";
        if (measured.Length > 0)
        {
            int worst = measured.MinBy(k => perClass[k]), best = measured.MaxBy(k => perClass[k]);
            text += string.Create(CultureInfo.InvariantCulture,
                $" Lowest: class {worst} ({ReportFormat.Percent(perClass[worst])}); highest: class {best} ({ReportFormat.Percent(perClass[best])}); spread {(perClass[best] - perClass[worst]) * 100:F2} points.");
        }

        document.Paragraph(text);
        document.Add(new TableBlock(
            ["Class", "Accuracy"],
            perClass.Select((a, k) => (IReadOnlyList<string>)[k.ToString(CultureInfo.InvariantCulture), ReportFormat.Percent(a)]).ToArray(),
            [true, true]));
    }

    private static void AddCommunication(ReportDocument document, RunData run)
    {
        var rows = run.Rows;
        var traffic = run.Traffic;
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Sent (server to clients)", Exact(traffic.Sent)),
            new("Received (clients to server)", Exact(traffic.Received)),
            new("Total", Exact(traffic.Total)),
        };
        if (rows.Count > 0)
        {
            double sent = Sum(rows, RoundFields.BytesSent), received = Sum(rows, RoundFields.BytesReceived);
            double selected = Sum(rows, RoundFields.ClientsSelected), succeeded = Sum(rows, RoundFields.ClientsSucceeded);
            facts.Add(new("Mean per round", $"{ReportFormat.Bytes(sent / rows.Count)} sent, {ReportFormat.Bytes(received / rows.Count)} received"));
            facts.Add(new("Sent per selected client and round", selected > 0 ? ReportFormat.Bytes(sent / selected) : ReportFormat.Missing));
            facts.Add(new("Received per successful client and round", succeeded > 0 ? ReportFormat.Bytes(received / succeeded) : ReportFormat.Missing));
        }

        if (run.Summary is { Parameters: > 0 } s)
        {
            facts.Add(new("Model size", $"{ReportFormat.Integer(s.Parameters)} parameters = {ReportFormat.Bytes(4.0 * s.Parameters)} as 32-bit floats"));
        }

        document.Heading("Communication").Add(new FactsBlock(facts));
    }

    private static void AddTimes(ReportDocument document, RunData run)
    {
        var rows = run.Rows;
        if (rows.Count == 0)
        {
            return;
        }

        double train = Sum(rows, RoundFields.TimeTrain), aggregate = Sum(rows, RoundFields.TimeAggregate);
        double evaluate = Sum(rows, RoundFields.TimeEvaluate), round = Sum(rows, RoundFields.TimeRound);
        double other = Math.Max(0, round - train - aggregate - evaluate);
        IReadOnlyList<string> Phase(string name, double total) =>
        [
            name,
            ReportFormat.Seconds(total),
            ReportFormat.Seconds(total / rows.Count),
            round > 0 ? string.Create(CultureInfo.InvariantCulture, $"{total / round * 100:F1}%") : ReportFormat.Missing,
        ];

        document.Heading("Time per phase");
        document.Add(new TableBlock(
            ["Phase", "Total", "Mean per round", "Share of round time"],
            [Phase("training", train), Phase("aggregation", aggregate), Phase("evaluation", evaluate), Phase("other", other), Phase("whole round", round)],
            [false, true, true, true]));
    }

    private static void AddFailures(ReportDocument document, RunData run)
    {
        document.Heading("Failures and skipped rounds");
        var troubled = run.Rows.Where(r => r.GetText(RoundFields.Status) == RoundFields.Skipped
            || r.GetInteger(RoundFields.ClientsFailed) > 0 || r.GetText(RoundFields.Reason) is not null).ToArray();
        if (troubled.Length == 0)
        {
            document.Paragraph("No client failed and no round was skipped.");
            return;
        }

        document.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"{run.Results.SkippedRounds} skipped round(s); {run.Results.FailedClients} client failure(s) over the run."));
        document.Add(new TableBlock(
            ["Round", "Status", "Selected", "Succeeded", "Failed", "Reason"],
            troubled.Select(r => (IReadOnlyList<string>)
            [
                Round(r.Round),
                r.GetText(RoundFields.Status) ?? ReportFormat.Missing,
                r.GetInteger(RoundFields.ClientsSelected).ToString(CultureInfo.InvariantCulture),
                r.GetInteger(RoundFields.ClientsSucceeded).ToString(CultureInfo.InvariantCulture),
                r.GetInteger(RoundFields.ClientsFailed).ToString(CultureInfo.InvariantCulture),
                r.GetText(RoundFields.Reason) ?? "",
            ]).ToArray(),
            [true, false, true, true, true, false]));
    }

    private static void AddMechanisms(ReportDocument document, RunData run)
    {
        var names = run.Rows.SelectMany(r => r.Fields)
            .Where(f => !RoundFields.IsFixed(f.Name) && f.Value.Kind is RoundValueKind.Number or RoundValueKind.Integral)
            .Select(f => f.Name)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            return;
        }

        document.Heading("Other measurements");
        document.Paragraph("Fields written by mechanisms (aggregators, privacy, attacks), over the rounds that measured them.");
        document.Add(new TableBlock(
            ["Field", "Rounds", "Last", "Min", "Mean", "Max"],
            names.Select(name =>
            {
                double[] values = run.Rows.Select(r => r.GetNumber(name)).Where(v => !double.IsNaN(v)).ToArray();
                return (IReadOnlyList<string>)
                [
                    name,
                    values.Length.ToString(CultureInfo.InvariantCulture),
                    ReportFormat.Number(values[^1]),
                    ReportFormat.Number(values.Min()),
                    ReportFormat.Number(values.Average()),
                    ReportFormat.Number(values.Max()),
                ];
            }).ToArray(),
            [false, true, true, true, true, true]));
    }

    private static string Exact(long bytes) => $"{ReportFormat.Bytes(bytes)} ({ReportFormat.Integer(bytes)} bytes)";

    private static string Or(string text) => string.IsNullOrEmpty(text) ? ReportFormat.Missing : text;
}
