using FedShield.Experiments.Output;
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
}
