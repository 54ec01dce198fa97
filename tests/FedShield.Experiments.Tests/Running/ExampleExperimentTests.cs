using FedShield.Experiments.Config;
using FedShield.Experiments.Running;

namespace FedShield.Experiments.Tests.Running;

/// <summary>
/// Shortened versions of the reproduction experiments in examples/ (the full runs and their figures
/// are in docs/results.md): the same files, cut down with overrides, must reach a stated accuracy.
/// </summary>
public class ExampleExperimentTests
{
    [ReferenceDataFact]
    public async Task AdultFedAvg_TenRounds_ReachesEightyTwoPercent()
    {
        using var dir = new TempDirectory();
        var config = ExperimentConfigLoader.Load(Example("adult-fedavg.yaml"), ["rounds=10"]);
        var outcome = await ExperimentRunner.RunAsync(config, RunnerFixture.Options(dir.File("run")));
        Assert.True(outcome.Summary.Final!.Accuracy >= 0.82, $"Adult FedAvg after 10 rounds: {outcome.Summary.Final.Accuracy:P2}");
    }

    [ReferenceDataFact]
    public async Task MnistFedAvg_FourShortRounds_ReachesEightyEightPercent()
    {
        using var dir = new TempDirectory();
        var config = ExperimentConfigLoader.Load(Example("mnist-fedavg.yaml"), ["rounds=4", "clients.count=20", "clients.per_round=10", "data.max_train_samples=12000", "data.max_test_samples=2000", "training.lr=0.01"]);
        var outcome = await ExperimentRunner.RunAsync(config, RunnerFixture.Options(dir.File("run")));
        Assert.True(outcome.Summary.Final!.Accuracy >= 0.88, $"MNIST FedAvg after 4 short rounds: {outcome.Summary.Final.Accuracy:P2}");
    }

    [Theory]
    [InlineData("mnist-fedavg.yaml")]
    [InlineData("adult-fedavg.yaml")]
    [InlineData("mnist-noniid-fedprox.yaml")]
    public void Example_IsValidAndItsModelParses(string file)
    {
        var config = ExperimentConfigLoader.Load(Example(file));
        Assert.NotNull(FederationSetup.ParseModel(config.Model));
    }

    private static string Example(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FedShield.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "examples", name);
    }
}
