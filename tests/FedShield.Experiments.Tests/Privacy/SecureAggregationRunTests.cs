using FedShield.Experiments.Output;
using FedShield.Experiments.Running;
using FedShield.Experiments.Tests.Running;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Tests.Privacy;

public class SecureAggregationRunTests
{
    [Theory]
    [InlineData("secagg")]
    [InlineData("secagg+")]
    public async Task SecureAggregation_TrainsLikePlainFedAvgWithinTheFixedPointError(string variant)
    {
        using var plainDir = new TempDirectory();
        using var secureDir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config("rounds=3"), RunnerFixture.Options(plainDir.File("run")));
        var secure = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=3", $"privacy.secure_aggregation={variant}", "privacy.bits=48"),
            RunnerFixture.Options(secureDir.File("run")));

        Assert.Equal($"fedavg+{variant}", secure.Summary.Strategy);
        var a = MetricsJournal.Read(plainDir.File("run")).Rows;
        var b = MetricsJournal.Read(secureDir.File("run")).Rows;
        Assert.All(b, r => Assert.Equal("applied", r.GetText(RoundFields.Status)));
        Assert.All(b, r => Assert.Equal(r.GetNumber("secagg.selected"), r.GetNumber("secagg.survivors")));
        Assert.All(b, r => Assert.InRange(r.GetNumber("secagg.error_bound"), 0, 1e-6));
        Assert.Equal(a[^1].GetNumber(RoundFields.TestLoss), b[^1].GetNumber(RoundFields.TestLoss), 4);
    }

    [Fact]
    public async Task SecureAggregation_WithFixedNormBound_RunsTheRealAggregatorsSumForm()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=2", "privacy.secure_aggregation=secagg", "strategy.aggregator=norm-bounding", "strategy.norm_bound=0.05"),
            RunnerFixture.Options(dir.File("run")));
        Assert.Equal("fedavg+norm-bounding+secagg", outcome.Summary.Strategy);
        Assert.All(MetricsJournal.Read(dir.File("run")).Rows, r => Assert.Equal(0.05, r.GetNumber("agg.bound")));
    }

    [Fact]
    public async Task SecureAggregation_WithDistributedDp_ReportsEpsilonAndNeverTheIndividualUpdates()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("rounds=2", "privacy.secure_aggregation=secagg", "privacy.dp=distributed", "privacy.noise_multiplier=1"),
            RunnerFixture.Options(dir.File("run")));
        Assert.Equal("fedavg+ddp+secagg", outcome.Summary.Strategy);
        Assert.Contains(outcome.Summary.Notes, n => n.Contains("distributed DP", StringComparison.Ordinal) && n.Contains("secure aggregation: secagg", StringComparison.Ordinal));
        Assert.All(MetricsJournal.Read(dir.File("run")).Rows, r => Assert.True(r.GetNumber("privacy.epsilon") > 0));
    }
}
