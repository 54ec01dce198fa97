using System.Diagnostics;
using System.Text.Json;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class RunCommandTests
{
    private const string Experiment = """
        name: cli-tiny
        seed: 2
        rounds: 4
        data:
          dataset: gaussian-mixture
        model: mlp(hidden=[16])
        clients:
          count: 6
          per_round: 3
        training:
          epochs: 1
          batch_size: 32
          lr: 0.05
        checkpoint:
          every: 2
        """;

    [Fact]
    public void Run_ValidFile_ExitZeroWithRoundLinesAndReport()
    {
        using var dir = new TempDirectory();
        var (code, output, error) = Run("run", Write(dir, Experiment), "--out", dir.File("run"), "--registry", dir.File("reg.db"));
        Assert.True(code == 0, error);
        Assert.Contains("round 1/4", output, StringComparison.Ordinal);
        Assert.Contains("round 4/4  acc", output, StringComparison.Ordinal);
        Assert.Contains("completed 4 rounds: final test accuracy", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.File("run"), "report.html")));

        var (listCode, list, _) = Run("list", "--registry", dir.File("reg.db"));
        Assert.Equal(0, listCode);
        Assert.Contains("completed  4/4", list, StringComparison.Ordinal);
        Assert.Contains("1 run(s)", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidFile_ExitTwoNamingKeyAndLine()
    {
        using var dir = new TempDirectory();
        var file = Write(dir, Experiment.Replace("batch_size: 32", "batch_size: zero", StringComparison.Ordinal));
        var (code, _, error) = Run("run", file, "--no-registry", "--set", "rounds=-1");
        Assert.Equal(2, code);
        Assert.Contains("exp.yaml:12:15: training.batch_size", error, StringComparison.Ordinal);
        Assert.Contains("--set rounds=-1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownModel_ExitTwo()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = Run("run", Write(dir, Experiment), "--no-registry", "--set", "model=transformer", "--out", dir.File("run"));
        Assert.Equal(2, code);
        Assert.Contains("model: 'transformer'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LogJson_EveryLineIsAnEvent()
    {
        using var dir = new TempDirectory();
        var (code, output, _) = Run("run", Write(dir, Experiment), "--out", dir.File("run"), "--no-registry", "--log-json");
        Assert.Equal(0, code);
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
        Assert.Equal(["run_started", "round", "round", "checkpoint", "round", "round", "run_finished"], events);
    }

    [Fact]
    public void StopAfterThenResume_ExitCodes130Then0_SameModelAsUninterrupted()
    {
        using var dir = new TempDirectory();
        var file = Write(dir, Experiment);
        Assert.Equal(0, Run("run", file, "--out", dir.File("full"), "--no-registry", "-q").Code);
        var (stopCode, stopOut, _) = Run("run", file, "--out", dir.File("cut"), "--no-registry", "--stop-after", "3");
        Assert.Equal(130, stopCode);
        Assert.Contains("fedshield resume", stopOut, StringComparison.Ordinal);
        var (code, output, _) = Run("resume", dir.File("cut"), "--no-registry");
        Assert.Equal(0, code);
        Assert.Contains("resuming at round 4", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("full"), "model.safetensors")), File.ReadAllBytes(Path.Combine(dir.File("cut"), "model.safetensors")));
    }

    [Fact]
    public void KilledProcess_ResumeGivesTheUninterruptedModel()
    {
        using var dir = new TempDirectory();
        var slow = Experiment.Replace("rounds: 4", "rounds: 30", StringComparison.Ordinal).Replace("epochs: 1", "epochs: 40", StringComparison.Ordinal);
        var file = Write(dir, slow);
        var runDir = dir.File("killed");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "fedshield.dll"), "run", file, "--out", runDir, "--no-registry", "-q" })
        {
            start.ArgumentList.Add(a);
        }

        using (var process = Process.Start(start)!)
        {
            var journal = Path.Combine(runDir, "metrics.jsonl");
            var waited = Stopwatch.StartNew();
            while (CountLines(journal) < 7 && !process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(20);
            }

            if (process.HasExited)
            {
                Assert.Fail("the run ended before it could be killed: " + process.StandardError.ReadToEnd());
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Assert.False(File.Exists(Path.Combine(runDir, "model.safetensors")));
        Assert.Contains("\"running\"", File.ReadAllText(Path.Combine(runDir, "summary.json")), StringComparison.Ordinal);
        var (code, output, error) = Run("resume", runDir, "--no-registry", "-q");
        Assert.True(code == 0, error);
        Assert.Contains("completed 30 rounds", output, StringComparison.Ordinal);

        Assert.Equal(0, Run("run", file, "--out", dir.File("full"), "--no-registry", "-q").Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("full"), "model.safetensors")), File.ReadAllBytes(Path.Combine(runDir, "model.safetensors")));
        Assert.Equal(30, CountLines(Path.Combine(runDir, "metrics.jsonl")));
    }

    [Fact]
    public void Report_OneAndSeveralRuns()
    {
        using var dir = new TempDirectory();
        var file = Write(dir, Experiment);
        Run("run", file, "--out", dir.File("a"), "--no-registry", "-q");
        Run("run", file, "--out", dir.File("b"), "--no-registry", "-q", "--set", "strategy.name=fedavgm");
        File.Delete(Path.Combine(dir.File("a"), "report.md"));

        var (one, oneOut, _) = Run("report", dir.File("a"));
        Assert.Equal(0, one);
        Assert.True(File.Exists(Path.Combine(dir.File("a"), "report.md")));
        Assert.Contains("wrote", oneOut, StringComparison.Ordinal);

        var (two, twoOut, _) = Run("report", dir.File("a"), dir.File("b"), "--out", dir.File("cmp"));
        Assert.Equal(0, two);
        Assert.Contains("fedavgm", twoOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.File("cmp"), "comparison.html")));

        var (missing, _, error) = Run("report", dir.File("nope"));
        Assert.Equal(1, missing);
        Assert.Contains("nope", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_OneRound_SaysWhichTaskAndCompletes()
    {
        using var dir = new TempDirectory();
        var (code, output, error) = Run("demo", "--out", dir.File("runs"), "--no-registry", "--set", "rounds=1", "--set", "data.max_test_samples=500");
        Assert.True(code == 0, error);
        Assert.Matches("demo: (MNIST found in .*|MNIST not found .*synthetic)", output);
        Assert.Contains("completed 1 rounds", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_NoRegistryYet_SaysSo()
    {
        using var dir = new TempDirectory();
        var (code, output, _) = Run("list", "--registry", dir.File("none.db"));
        Assert.Equal(0, code);
        Assert.Contains("no runs yet", output, StringComparison.Ordinal);
        Assert.Equal(2, Run("list", "--registry", dir.File("none.db"), "--status", "sleeping").Code);
    }

    private static string Write(TempDirectory dir, string text)
    {
        var path = dir.File("exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static int CountLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Count(c => c == '\n');
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
