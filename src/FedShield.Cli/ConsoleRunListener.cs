using System.Globalization;
using System.Text.Json;
using FedShield.Experiments.Output;
using FedShield.Experiments.Running;
using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;

namespace FedShield.Cli;

/// <summary>
/// Shows a run as it goes: a header, a progress bar of the clients of the current round (on an
/// interactive terminal only), and one line per round with the key metrics. With JSON-lines
/// logging, each event is instead one JSON object per line on standard output, for scripts.
/// </summary>
internal sealed class ConsoleRunListener(TextWriter output, TextWriter error, bool quiet, bool jsonLines, bool interactive) : IRunListener
{
    /// <summary>The command that continues an interrupted run in a directory (a network server resumes as a server).</summary>
    public Func<string, string> ResumeCommand { get; init; } = directory => $"fedshield resume {directory}";

    private int _totalRounds;
    private bool _barShown;

    public void RunStarted(RunInfo run)
    {
        _totalRounds = run.TotalRounds;
        if (jsonLines)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["event"] = "run_started",
                ["run_id"] = run.RunId,
                ["directory"] = run.Directory,
                ["config_hash"] = run.ConfigHash,
                ["first_round"] = run.FirstRound,
                ["rounds"] = run.TotalRounds,
                ["parameters"] = run.ParameterCount,
                ["workers"] = run.Workers,
            }));
            return;
        }

        if (quiet)
        {
            return;
        }

        output.WriteLine($"run {run.RunId}{(run.FirstRound > 1 ? $" (resuming at round {run.FirstRound})" : string.Empty)}");
        output.WriteLine($"  directory  {run.Directory}");
        output.WriteLine($"  data       {run.DataNote}");
        if (run.AttackNote is { } attack)
        {
            output.WriteLine($"  attack     {attack["attack: ".Length..]}");
        }

        if (run.PrivacyNote is { } privacy)
        {
            output.WriteLine($"  privacy    {privacy}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  model      {run.ParameterCount:N0} parameters; {run.Workers} worker(s); config {run.ConfigHash[..12]}"));
    }

    public void RoundStarted(int round, IReadOnlyList<int> selected) => DrawBar(round, 0, selected.Count);

    public void ReplyReceived(int round, ClientReply reply, int done, int total) => DrawBar(round, done, total);

    public void RoundWritten(RoundRow row, RoundRecord record)
    {
        ClearBar();
        if (jsonLines)
        {
            var json = RoundRowJson.Write(row).TrimEnd();
            output.WriteLine("{\"event\":\"round\"," + json[1..]);
            return;
        }

        if (quiet)
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"round {record.Round.ToString(CultureInfo.InvariantCulture).PadLeft(_totalRounds.ToString(CultureInfo.InvariantCulture).Length)}/{_totalRounds}");
        if (record.Evaluation is { } e)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  acc {e.Accuracy * 100,6:0.00}%  loss {e.Loss:0.0000}");
        }
        else
        {
            line += "                           ";
        }

        if (record.Metrics.TryGet(RoundFields.TrainLoss, out var trainLoss))
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  train_loss {trainLoss:0.0000}");
        }

        line += string.Create(CultureInfo.InvariantCulture, $"  clients {record.Participants.Count}/{record.Selected.Count}  {Bytes(record.Traffic.Total)}  {record.Timings.Total.TotalSeconds:0.00} s");
        if (record.Outcome == RoundOutcome.Skipped)
        {
            line += "  SKIPPED: " + record.Reason;
        }

        output.WriteLine(line);
    }

    public void CheckpointWritten(int round, string path)
    {
        if (jsonLines)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["event"] = "checkpoint", ["round"] = round, ["path"] = path }));
        }
    }

    public void Finished(RunOutcome outcome, int exitCode)
    {
        ClearBar();
        var s = outcome.Summary;
        if (jsonLines)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["event"] = "run_finished",
                ["status"] = s.Status.ToString().ToLowerInvariant(),
                ["reason"] = outcome.StopReason,
                ["rounds"] = s.Rounds,
                ["final_accuracy"] = s.Final?.Accuracy,
                ["final_loss"] = s.Final?.Loss is double l && double.IsFinite(l) ? l : null,
                ["directory"] = outcome.Directory,
                ["exit_code"] = exitCode,
            }));
            return;
        }

        var result = s.Final is { Accuracy: double acc }
            ? string.Create(CultureInfo.InvariantCulture, $"final test accuracy {acc * 100:0.00}% (loss {s.Final.Loss:0.0000}) after round {s.Final.Round}")
            : "no evaluation yet";
        if (s.Best is { Accuracy: double best } && s.Best.Round != s.Final?.Round)
        {
            result += string.Create(CultureInfo.InvariantCulture, $"; best {best * 100:0.00}% at round {s.Best.Round}");
        }

        output.WriteLine($"{outcome.StopReason}: {result}");
        output.WriteLine($"report: {Path.Combine(outcome.Directory, RunFiles.ReportHtml)}");
        if (exitCode == ExitCodes.Interrupted)
        {
            output.WriteLine($"continue with: {ResumeCommand(outcome.Directory)}");
        }
    }

    private void DrawBar(int round, int done, int total)
    {
        if (!interactive || jsonLines || quiet || total == 0)
        {
            return;
        }

        const int width = 30;
        var filled = (int)((long)width * done / total);
        error.Write($"\r  round {round}/{_totalRounds} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} clients ");
        error.Flush();
        _barShown = true;
    }

    private void ClearBar()
    {
        if (_barShown)
        {
            error.Write("\r" + new string(' ', 79) + "\r");
            error.Flush();
            _barShown = false;
        }
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.00} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
