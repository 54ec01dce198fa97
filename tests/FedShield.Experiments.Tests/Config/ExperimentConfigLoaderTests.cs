using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Config;

public class ExperimentConfigLoaderTests
{
    [Fact]
    public void LoadText_MinimalFile_FillsEveryDefault()
    {
        var c = ConfigSamples.LoadMinimal();

        Assert.Equal("minimal", c.Name);
        Assert.Equal(0, c.Seed);
        Assert.Equal(3, c.Rounds);
        Assert.Equal("mnist", c.Data.Dataset);
        Assert.Null(c.Data.Directory);
        Assert.Equal(PartitionKind.Iid, c.Data.Partition);
        Assert.Equal(0.5, c.Data.Alpha);
        Assert.Equal(2, c.Data.ShardsPerClient);
        Assert.Equal(1.0, c.Data.Sigma);
        Assert.Equal(0.0, c.Data.ValidationFraction);
        Assert.Equal(0, c.Data.MaxTrainSamples);
        Assert.Equal(0, c.Data.MaxTestSamples);
        Assert.Equal("mnist-cnn", c.Model);
        Assert.Equal(10, c.Clients.Count);
        Assert.Equal(0.5, c.Clients.Fraction);
        Assert.Null(c.Clients.PerRound);
        Assert.Equal(1, c.Clients.MinReplies);
        Assert.Null(c.Clients.MinFraction);
        Assert.Equal(600, c.Clients.TimeoutSeconds);
        Assert.Equal(new TrainingConfig(), c.Training);
        Assert.Equal(1, c.Training.Epochs);
        Assert.Equal(32, c.Training.BatchSize);
        Assert.Equal(OptimizerKind.Sgd, c.Training.Optimizer);
        Assert.Equal(0.01, c.Training.LearningRate);
        Assert.Equal(0.999, c.Training.Beta2);
        Assert.Equal(OptimizerStateMode.Reset, c.Training.OptimizerState);
        Assert.Equal(StrategyKind.FedAvg, c.Strategy.Kind);
        Assert.Equal(1.0, c.Strategy.ServerLearningRate);
        Assert.Equal(0.9, c.Strategy.ServerMomentum);
        Assert.Equal(0.99, c.Strategy.Beta2);
        Assert.Equal(0.001, c.Strategy.Tau);
        Assert.Equal(0.01, c.Strategy.Mu);
        Assert.Equal(1, c.Evaluation.Every);
        Assert.Equal(0.0, c.Evaluation.ClientFraction);
        Assert.Equal(10, c.Checkpoint.Every);
        Assert.Equal("runs", c.Output);
        Assert.Equal(0, c.Workers);
    }

    [Fact]
    public void LoadText_FullFile_ReadsEveryKey()
    {
        var c = ExperimentConfigLoader.LoadText(ConfigSamples.Full, "full.yaml");

        Assert.Equal("mnist-full", c.Name);
        Assert.Equal(42, c.Seed);
        Assert.Equal(200, c.Rounds);
        Assert.Equal(
            new DataConfig("mnist", "/data/mnist", PartitionKind.Dirichlet, 0.3, 4, 2.5, 0.1, 1000, 500),
            c.Data);
        Assert.Equal("mlp(hidden=[64, 32])", c.Model);
        Assert.Equal(new ClientsConfig(100, perRound: 20, minFraction: 0.75, timeoutSeconds: 30.5), c.Clients);
        Assert.Equal(
            new TrainingConfig(5, 64, OptimizerKind.Sgd, 0.05, 0.9, true, 1e-4, 0.8, 0.99, 0.995, OptimizerStateMode.Keep, 10),
            c.Training);
        Assert.Equal(new StrategyConfig(StrategyKind.FedAdam, 0.1, 0.5, 0.85, 0.95, 0.01, 0.1), c.Strategy);
        Assert.Equal(new EvaluationConfig(5, 0.2), c.Evaluation);
        Assert.Equal(new CheckpointConfig(0), c.Checkpoint);
        Assert.Equal("/tmp/runs", c.Output);
        Assert.Equal(4, c.Workers);
        Assert.Equal(20, c.Clients.SampledPerRound);
        Assert.Equal(15, c.Clients.RequiredReplies);
    }

    [Fact]
    public void Load_File_UsesFileNameAsDefaultNameAndCitesThePath()
    {
        using var dir = new TempDirectory();
        string path = dir.File("cifar_fedprox.v2.yaml");
        File.WriteAllText(path, ConfigSamples.Minimal);

        var c = ExperimentConfigLoader.Load(path);

        Assert.Equal("cifar_fedprox.v2", c.Name);
    }

    [Fact]
    public void Load_MissingFile_ThrowsConfigErrorNamingThePath()
    {
        using var dir = new TempDirectory();
        string path = dir.File("absent.yaml");

        var ex = Assert.Throws<ConfigException>(() => ExperimentConfigLoader.Load(path));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.Source);
        Assert.StartsWith("cannot read the file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my experiment.yaml", "my-experiment")]
    [InlineData("configs/run.yml", "run")]
    [InlineData("_x.yaml", "x")]
    [InlineData("", "experiment")]
    [InlineData("???.yaml", "experiment")]
    public void LoadText_NameAbsent_DerivesASafeNameFromTheSource(string source, string expected)
    {
        var c = ExperimentConfigLoader.LoadText(ConfigSamples.Minimal, source);

        Assert.Equal(expected, c.Name);
    }

    [Theory]
    [InlineData("fedavg", 1.0)]
    [InlineData("fedavgm", 1.0)]
    [InlineData("fedprox", 1.0)]
    [InlineData("fedadam", 0.01)]
    [InlineData("fedyogi", 0.01)]
    [InlineData("fedadagrad", 0.01)]
    public void LoadText_ServerLrAbsent_UsesTheStrategysDefault(string strategy, double expected)
    {
        var c = ConfigSamples.LoadMinimal($"strategy.name={strategy}");

        Assert.Equal(expected, c.Strategy.ServerLearningRate);
    }

    [Fact]
    public void LoadText_EmptySectionAndNullOptionalValues_MeanDefaults()
    {
        const string yaml = """
            rounds: 1
            data: {dataset: mnist, dir: ~}
            model: m
            clients: {count: 4, fraction: null, per_round: 2}
            training:
            strategy: {server_lr: null}
            """;

        var c = ExperimentConfigLoader.LoadText(yaml, "x.yaml");

        Assert.Null(c.Data.Directory);
        Assert.Equal(2, c.Clients.PerRound);
        Assert.Null(c.Clients.Fraction);
        Assert.Equal(new TrainingConfig(), c.Training);
        Assert.Equal(1.0, c.Strategy.ServerLearningRate);
    }

    [Fact]
    public void LoadText_AnchorsAliasesAndFlowStyle_AreRead()
    {
        const string yaml = """
            rounds: &n 7
            data: {dataset: "mnist", partition: 'shards'}
            model: m
            clients: {count: 10, per_round: 5}
            evaluation: {every: *n}
            """;

        var c = ExperimentConfigLoader.LoadText(yaml, "x.yaml");

        Assert.Equal(7, c.Evaluation.Every);
        Assert.Equal(PartitionKind.Shards, c.Data.Partition);
    }

    [Fact]
    public void LoadText_NumbersInYamlSpellings_AreRead()
    {
        var c = ConfigSamples.LoadMinimal("training.lr=.5", "training.weight_decay=1E-05", "seed=-3", "training.max_grad_norm=+2", "training.nesterov=True", "training.momentum=0.5");

        Assert.Equal(0.5, c.Training.LearningRate);
        Assert.Equal(1e-5, c.Training.WeightDecay);
        Assert.Equal(-3, c.Seed);
        Assert.Equal(2.0, c.Training.MaxGradNorm);
        Assert.True(c.Training.Nesterov);
    }

    [Fact]
    public void LoadText_StringKeyWithPlainNumber_KeepsItsText()
    {
        var c = ConfigSamples.LoadMinimal("name=2024", "model=123");

        Assert.Equal("2024", c.Name);
        Assert.Equal("123", c.Model);
    }

    [Fact]
    public void LoadText_SeedBeyond32Bits_IsKept()
    {
        var c = ConfigSamples.LoadMinimal("seed=9007199254740993");

        Assert.Equal(9007199254740993L, c.Seed);
    }
}
