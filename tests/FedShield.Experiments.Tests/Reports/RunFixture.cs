using FedShield.Experiments.Output;
using FedShield.Federation.Messages;

namespace FedShield.Experiments.Tests.Reports;

/// <summary>Writes small run directories the way the runner does: config text, summary and rows through the journal.</summary>
internal static class RunFixture
{
    public const string Config = """
        name: fixture
        seed: 7
        dataset: { name: mnist, partition: { kind: dirichlet, alpha: 0.5 } }
        strategy: { aggregator: fedavg }
        rounds: 10
        """;

    /// <summary>
    /// Round r of <paramref name="rounds"/>: accuracy 0.5 + 0.04 r (evaluated every <paramref name="evaluateEvery"/>
    /// rounds), 4 clients, round 3 skipped with a reason, a privacy field from round 2.
    /// </summary>
    public static RoundRow[] Rows(int rounds, int evaluateEvery = 1, double accuracyStep = 0.04)
    {
        var rows = new RoundRow[rounds];
        long sent = 0, received = 0;
        for (int r = 1; r <= rounds; r++)
        {
            bool evaluated = r % evaluateEvery == 0 || r == rounds;
            bool skipped = r == 3;
            sent += 4_000;
            received += skipped ? 1_000 : 4_000;
            double accuracy = Math.Round(0.5 + (accuracyStep * r), 4);
            var row = new RoundResult
            {
                Round = r,
                Status = skipped ? RoundFields.Skipped : RoundFields.Applied,
                Reason = skipped ? "only 1 of 4 clients replied; 2 needed" : null,
                ClientsSelected = 4,
                ClientsSucceeded = skipped ? 1 : 4,
                ClientsFailed = skipped ? 3 : 0,
                TestAccuracy = evaluated ? accuracy : double.NaN,
                TestLoss = evaluated ? Math.Round(2.0 / r, 4) : double.NaN,
                PerClassAccuracy = evaluated ? [Math.Round(accuracy - 0.1, 4), Math.Round(accuracy + 0.05, 4), 1.0] : null,
                TrainLoss = Math.Round(2.5 / r, 4),
                BytesSent = 4_000,
                BytesReceived = skipped ? 1_000 : 4_000,
                BytesSentTotal = sent,
                BytesReceivedTotal = received,
                TimeTrainSeconds = 0.75,
                TimeAggregateSeconds = 0.125,
                TimeEvaluateSeconds = evaluated ? 0.25 : 0,
                TimeRoundSeconds = 1.25,
            }.ToRow();
            if (r >= 2)
            {
                row.SetNumber("privacy.epsilon", 0.5 * r);
            }

            rows[r - 1] = row;
        }

        return rows;
    }

    /// <summary>A complete run in <paramref name="directory"/>; returns the summary written.</summary>
    public static RunSummary Write(string directory, string name, IReadOnlyList<RoundRow> rows, bool summary = true, bool config = true)
    {
        Directory.CreateDirectory(directory);
        if (config)
        {
            File.WriteAllText(Path.Combine(directory, RunFiles.Config), Config);
        }

        var journal = MetricsJournal.Open(directory);
        foreach (var row in rows)
        {
            journal.Append(row);
        }

        var written = new RunSummary
        {
            Name = name,
            RunId = name + "-0001",
            Status = RunStatus.Completed,
            RoundsTotal = rows.Count,
            Seed = 7,
            ConfigHash = "0123456789abcdef0123",
            Dataset = "mnist",
            Model = "mlp",
            Strategy = "fedavg",
            Parameters = 1_000,
            StartedUtc = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
            FinishedUtc = new DateTimeOffset(2025, 3, 4, 5, 8, 9, TimeSpan.Zero),
            DurationSeconds = 122,
            Notes = ["fixture run"],
            Traffic = new Traffic(0, 0),
        }.WithResults(RunResults.From(rows));
        if (summary)
        {
            written.Write(Path.Combine(directory, RunFiles.Summary));
        }

        return written;
    }
}
