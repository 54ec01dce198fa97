using FedShield.Experiments.Output;
using FedShield.Experiments.Privacy;
using FedShield.Experiments.Running;
using FedShield.Experiments.Tests.Running;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Tests.Privacy;

public class PrivacyRunTests
{
    [Fact]
    public async Task CentralDp_WithBudget_StopsBeforeTheBudgetIsExceededAndReportsEpsilonEachRound()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=50", "privacy.dp=central", "privacy.noise_multiplier=1.5", "privacy.clip=1", "privacy.budget=4"),
            RunnerFixture.Options(dir.File("run")));

        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        Assert.Contains("privacy budget", outcome.StopReason, StringComparison.Ordinal);
        Assert.Equal("fedavg+dp", outcome.Summary.Strategy);
        var rows = MetricsJournal.Read(dir.File("run")).Rows;
        Assert.InRange(rows.Count, 2, 49);
        var epsilons = rows.Select(r => r.GetNumber("privacy.epsilon")).ToArray();
        Assert.All(epsilons, e => Assert.InRange(e, 0, 4));
        Assert.True(epsilons.Zip(epsilons.Skip(1)).All(p => p.Second > p.First), "epsilon grows every applied round");
        Assert.Contains(outcome.Summary.Notes, n => n.StartsWith("central DP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Niss_TauZero_TrainsLikePlainFedAvgWithinNoiseRounding()
    {
        using var plainDir = new TempDirectory();
        using var nissDir = new TempDirectory();
        var plain = await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=3"), RunnerFixture.Options(plainDir.File("run")));
        var niss = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=3", "privacy.niss=true", "privacy.epsilon=1", "privacy.tau=0", "privacy.clip=100"),
            RunnerFixture.Options(nissDir.File("run")));

        Assert.Equal("fedavg+niss", niss.Summary.Strategy);
        var a = MetricsJournal.Read(plainDir.File("run")).Rows;
        var b = MetricsJournal.Read(nissDir.File("run")).Rows;
        Assert.Equal(a.Count, b.Count);
        Assert.All(b, r => Assert.Equal("applied", r.GetText(RoundFields.Status)));
        Assert.All(b, r => Assert.True(r.GetNumber("niss.shares") > 0));
        Assert.Equal(a[^1].GetNumber(RoundFields.TestLoss), b[^1].GetNumber(RoundFields.TestLoss), 3);
    }

    [Fact]
    public async Task Niss_TauOne_AddsNoiseThatChangesTheModel()
    {
        using var plainDir = new TempDirectory();
        using var nissDir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=2"), RunnerFixture.Options(plainDir.File("run")));
        await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=2", "privacy.niss=true", "privacy.noise_multiplier=0.5", "privacy.tau=1", "privacy.clip=1"),
            RunnerFixture.Options(nissDir.File("run")));
        var a = MetricsJournal.Read(plainDir.File("run")).Rows[^1].GetNumber(RoundFields.TestLoss);
        var b = MetricsJournal.Read(nissDir.File("run")).Rows[^1].GetNumber(RoundFields.TestLoss);
        Assert.True(Math.Abs(a - b) > 1e-3, $"noise of std 0.5 per coordinate should move the test loss ({a} vs {b})");
    }

    [Fact]
    public async Task LocalDp_RunsAndNotesItsNoise()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=2", "privacy.dp=local", "privacy.epsilon=5", "privacy.delta=1e-4"),
            RunnerFixture.Options(dir.File("run")));
        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        Assert.Contains(outcome.Summary.Notes, n => n.StartsWith("local DP: clip 1, noise std", StringComparison.Ordinal));
        Assert.All(MetricsJournal.Read(dir.File("run")).Rows, r => Assert.True(r.GetNumber("privacy.epsilon") > 0));
    }

    [Fact]
    public async Task Ffl_WithoutDefence_TrainsLikePlainFedAvgAndReportsItsExchange()
    {
        using var plainDir = new TempDirectory();
        using var fflDir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=3"), RunnerFixture.Options(plainDir.File("run")));
        var ffl = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=3", "privacy.ffl=true", "privacy.ffl_reputation=false"),
            RunnerFixture.Options(fflDir.File("run")));

        Assert.Equal("fedavg+ffl", ffl.Summary.Strategy);
        Assert.Contains(ffl.Summary.Notes, n => n.StartsWith("FFL: fragments exchanged in pairs", StringComparison.Ordinal));
        var a = MetricsJournal.Read(plainDir.File("run")).Rows;
        var b = MetricsJournal.Read(fflDir.File("run")).Rows;
        Assert.All(b, r => Assert.Equal(2, r.GetNumber("ffl.pairs")));

        // The same 4 clients per round (the uniform selection without the defence) and the same mean of
        // their updates up to float rounding: the mixing loses nothing.
        Assert.Equal(a[^1].GetNumber(RoundFields.TestLoss), b[^1].GetNumber(RoundFields.TestLoss), 4);
    }

    [Fact]
    public async Task Ffl_WithNoiseAttackers_ReportsTrustCurvesAndResumesFromACheckpoint()
    {
        using var dir = new TempDirectory();
        var config = RunnerFixture.Config("rounds=6", "clients.per_round=8", "clients.min_replies=2", "privacy.ffl=true", "attack.type=gaussian-noise", "attack.count=2", "attack.sigma=2", "attack.ffl_strategy=2");
        var outcome = await ExperimentRunner.RunAsync(config, RunnerFixture.Options(dir.File("run")));

        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        var rows = MetricsJournal.Read(dir.File("run")).Rows;
        Assert.All(rows, r => Assert.InRange(r.GetNumber(FflTrustMetric.Attackers), 0, 1));
        Assert.True(rows[^1].GetNumber(FflTrustMetric.Honest) > rows[^1].GetNumber(FflTrustMetric.Attackers), "honest participants end with more trust than the attackers");
        Assert.True(rows[^1].GetNumber("ffl.client_overhead_seconds") > 0);

        // Stopped after round 2 (a checkpoint is written every 2 rounds) and resumed: the reputations come back
        // from the checkpoint, so the resumed rounds start from the trust the first rounds built.
        using var cut = new TempDirectory();
        await ExperimentRunner.RunAsync(config, RunnerFixture.Options(cut.File("run")) with { StopAfterRound = 2 });
        var before = MetricsJournal.Read(cut.File("run")).Rows[^1].GetNumber(FflTrustMetric.Honest);
        var resumed = await ExperimentRunner.ResumeAsync(cut.File("run"), RunnerFixture.Options(cut.File("run")));
        Assert.Equal(RunStatus.Completed, resumed.Summary.Status);
        var state = FedShield.Experiments.Checkpoints.CheckpointFile.Read(Path.Combine(cut.File("run"), FedShield.Experiments.Checkpoints.CheckpointFile.FileName));
        Assert.Contains(state.Values.Keys, k => k.Contains("protocol.gamma.", StringComparison.Ordinal));
        Assert.Contains(state.Values.Keys, k => k.Contains("zeta.", StringComparison.Ordinal));
        Assert.True(before > 0, "trust after two rounds");
    }
}
