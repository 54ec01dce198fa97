using FedShield.Experiments.Checkpoints;
using FedShield.Experiments.Output;
using FedShield.Experiments.Registry;
using FedShield.Experiments.Running;
using FedShield.Nn.Serialization;

namespace FedShield.Experiments.Tests.Running;

public class ExperimentRunnerTests
{
    [Fact]
    public async Task RunAsync_TinyExperiment_WritesEveryFileAndLearns()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("run");
        var registry = dir.File("registry.db");
        var outcome = await ExperimentRunner.RunAsync(RunnerFixture.Config(), RunnerFixture.Options(runDir, registry));

        foreach (var file in new[] { RunFiles.Config, RunFiles.Summary, RunFiles.MetricsJsonl, RunFiles.MetricsCsv, RunFiles.ReportMarkdown, RunFiles.ReportHtml, ExperimentRunner.ModelFile, CheckpointFile.FileName })
        {
            Assert.True(File.Exists(Path.Combine(runDir, file)), file + " is missing");
        }

        var summary = RunSummary.Read(Path.Combine(runDir, RunFiles.Summary));
        Assert.Equal(RunStatus.Completed, summary.Status);
        Assert.Equal(6, summary.Rounds);
        Assert.Equal(4, summary.Seed);
        Assert.Equal(RunnerFixture.Config().ConfigHash, summary.ConfigHash);
        Assert.Equal(6, summary.Final!.Round);

        // A 10-class Gaussian mixture: chance is 10%; six short rounds get well above it.
        Assert.True(summary.Final.Accuracy > 0.45, $"final accuracy {summary.Final.Accuracy}");
        var rows = MetricsJournal.Read(runDir).Rows;
        Assert.Equal([1, 2, 3, 4, 5, 6], rows.Select(r => r.Round));
        Assert.True(double.IsNaN(rows[0].GetNumber(RoundFields.TestAccuracy)));
        Assert.False(double.IsNaN(rows[1].GetNumber(RoundFields.TestAccuracy)));
        Assert.False(double.IsNaN(rows[1].GetNumber("client_eval_accuracy")));
        Assert.Equal(10, rows[1].GetNumbers(RoundFields.PerClassAccuracy)!.Count);
        Assert.True(rows[5].GetInteger(RoundFields.BytesSentTotal) == rows.Sum(r => r.GetInteger(RoundFields.BytesSent)));
        Assert.True(rows[0].GetNumber("bytes_sent_per_client") * 4 == rows[0].GetInteger(RoundFields.BytesSent), "round 1 trains 4 clients and evaluates none");

        var model = Safetensors.ReadAll(Path.Combine(runDir, ExperimentRunner.ModelFile));
        Assert.Equal("6", model.Metadata["fedshield.round"]);
        Assert.Equal(outcome.Summary.Parameters, model.Tensors.Sum(t => t.Values.Length));

        var entry = new RunRegistry(registry).Get(summary.RunId)!;
        Assert.Equal(RunStatus.Completed, entry.Status);
        Assert.Equal(6, entry.RoundsDone);
        Assert.Equal(summary.Final.Accuracy!.Value, entry.FinalAccuracy!.Value, 12);
        Assert.Contains("report", File.ReadAllText(Path.Combine(runDir, RunFiles.ReportHtml)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ResumeAsync_AfterStop_BitIdenticalToUninterruptedRun()
    {
        // Keep-policy client optimizers and FedAdam server moments: state on both sides must survive.
        string[] sets = ["training.optimizer_state=keep", "strategy.name=fedadam", "strategy.server_lr=0.05", "checkpoint.every=2"];
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config(sets), RunnerFixture.Options(dir.File("full")));

        var stopped = await ExperimentRunner.RunAsync(RunnerFixture.Config(sets), RunnerFixture.Options(dir.File("cut")) with { StopAfterRound = 3 });
        Assert.Equal(RunStatus.Interrupted, stopped.Summary.Status);
        Assert.False(File.Exists(Path.Combine(dir.File("cut"), ExperimentRunner.ModelFile)));
        var resumed = await ExperimentRunner.ResumeAsync(dir.File("cut"), RunnerFixture.Options(dir.File("cut")));

        Assert.Equal(RunStatus.Completed, resumed.Summary.Status);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("full"), ExperimentRunner.ModelFile)), File.ReadAllBytes(Path.Combine(dir.File("cut"), ExperimentRunner.ModelFile)));
        var full = MetricsJournal.Read(dir.File("full")).Rows;
        var cut = MetricsJournal.Read(dir.File("cut")).Rows;
        Assert.Equal(full.Select(r => r.GetNumber(RoundFields.TestLoss)), cut.Select(r => r.GetNumber(RoundFields.TestLoss)));
        Assert.Equal(full.Select(r => r.GetInteger(RoundFields.BytesSentTotal)), cut.Select(r => r.GetInteger(RoundFields.BytesSentTotal)));
    }

    [Fact]
    public async Task ResumeAsync_CompletedRun_Refused()
    {
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=1"), RunnerFixture.Options(dir.File("run")));
        var ex = await Assert.ThrowsAsync<ExperimentSetupException>(() => ExperimentRunner.ResumeAsync(dir.File("run"), RunnerFixture.Options(dir.File("run"))));
        Assert.Contains("already completed 1 rounds", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ExperimentSetupException>(() => ExperimentRunner.ResumeAsync(dir.Path, RunnerFixture.Options(dir.Path)));
    }

    [Fact]
    public async Task RunAsync_WorkerCount_DoesNotChangeTheModel()
    {
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config("workers=1"), RunnerFixture.Options(dir.File("one")));
        await ExperimentRunner.RunAsync(RunnerFixture.Config("workers=3"), RunnerFixture.Options(dir.File("three")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("one"), ExperimentRunner.ModelFile)), File.ReadAllBytes(Path.Combine(dir.File("three"), ExperimentRunner.ModelFile)));
    }

    [Theory]
    [InlineData("model=resnet-9000", "model: 'resnet-9000'")]
    [InlineData("model=mnist-cnn", "model: model 'mnist-cnn' needs samples (1, 28, 28)")]
    [InlineData("data.dataset=imagenet", "data.dataset: unknown dataset 'imagenet'")]
    [InlineData("clients.count=6000", "clients.count: 6000 clients cannot share 5000 training samples")]
    public async Task RunAsync_BadSetup_NamesTheKeyAndCreatesNothing(string set, string expected)
    {
        using var dir = new TempDirectory();
        var config = set.StartsWith("clients.count", StringComparison.Ordinal) ? RunnerFixture.Config(set, "clients.per_round=4") : RunnerFixture.Config(set);
        var ex = await Assert.ThrowsAsync<ExperimentSetupException>(() => ExperimentRunner.RunAsync(config, RunnerFixture.Options(dir.File("run"))));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public async Task RunAsync_OutDirectoryHoldsARun_RefusedWithResumeHint()
    {
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=1"), RunnerFixture.Options(dir.File("run")));
        var ex = await Assert.ThrowsAsync<ExperimentSetupException>(() => ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=1"), RunnerFixture.Options(dir.File("run"))));
        Assert.Contains("fedshield resume", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoOutDirectory_CreatesTimestampedDirectoryUnderOutputRoot()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=1", "output=" + dir.File("runs")), RunnerFixture.Options(null!) with { RunDirectory = null });
        Assert.StartsWith(Path.Combine(dir.File("runs"), "tiny-"), outcome.Directory, StringComparison.Ordinal);
        var second = await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=1", "output=" + dir.File("runs")), RunnerFixture.Options(null!) with { RunDirectory = null });
        Assert.NotEqual(outcome.Directory, second.Directory);
    }

    [Fact]
    public async Task RunAsync_Cancelled_InterruptedAndResumable()
    {
        using var dir = new TempDirectory();
        using var cts = new CancellationTokenSource();
        var listener = new CancelAfterRound(cts, 2);
        var outcome = await ExperimentRunner.RunAsync(RunnerFixture.Config("checkpoint.every=0"), RunnerFixture.Options(dir.File("run")) with { Listener = listener }, cts.Token);
        Assert.Equal(RunStatus.Interrupted, outcome.Summary.Status);
        Assert.Contains("interrupted", outcome.StopReason, StringComparison.Ordinal);

        // Stateless clients: the interrupt itself wrote a checkpoint of the last finished round.
        var resumed = await ExperimentRunner.ResumeAsync(dir.File("run"), RunnerFixture.Options(dir.File("run")));
        Assert.Equal(RunStatus.Completed, resumed.Summary.Status);
        Assert.Equal(6, MetricsJournal.Read(dir.File("run")).Rows.Count);
    }

    private sealed class CancelAfterRound(CancellationTokenSource cts, int round) : IRunListener
    {
        public void RoundWritten(RoundRow row, Federation.Rounds.RoundRecord record)
        {
            if (record.Round == round)
            {
                cts.Cancel();
            }
        }
    }
}
