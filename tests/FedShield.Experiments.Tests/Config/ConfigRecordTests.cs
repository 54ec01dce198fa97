using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Config;

/// <summary>The records validate in their constructors with the same messages as the loader.</summary>
public class ConfigRecordTests
{
    [Fact]
    public void Constructors_Defaults_MatchTheLoadersDefaults()
    {
        var built = new ExperimentConfig("minimal", 3, new DataConfig("mnist"), "mnist-cnn", new ClientsConfig(10));

        Assert.Equal(ConfigSamples.LoadMinimal(), built);
    }

    [Fact]
    public void Constructor_OutOfRange_ThrowsNamingTheYamlKey()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig(batchSize: 0));

        Assert.Equal("batchSize", ex.ParamName);
        Assert.StartsWith("training.batch_size: expected an integer >= 1, got 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataConfig("mnist", alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataConfig("mnist", validationFraction: double.NaN));
        Assert.Throws<ArgumentException>(() => new DataConfig(" "));
        Assert.Throws<ArgumentException>(() => new DataConfig("mnist", directory: ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataConfig("mnist", partition: (PartitionKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig(learningRate: double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new TrainingConfig(nesterov: true));
        Assert.Throws<ArgumentException>(() => new TrainingConfig(optimizer: OptimizerKind.Adam, momentum: 0.9, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyConfig(serverLearningRate: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationConfig(clientFraction: 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointConfig(-1));
        Assert.Throws<ArgumentException>(() => new ExperimentConfig("a b", 1, new DataConfig("d"), "m", new ClientsConfig(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentConfig("a", 0, new DataConfig("d"), "m", new ClientsConfig(1)));
        Assert.Throws<ArgumentNullException>(() => new ExperimentConfig("a", 1, null!, "m", new ClientsConfig(1)));
    }

    [Fact]
    public void ClientsConfig_ExclusivePairsAndBounds_AreEnforced()
    {
        Assert.Throws<ArgumentException>(() => new ClientsConfig(10, fraction: 0.5, perRound: 2));
        Assert.Throws<ArgumentException>(() => new ClientsConfig(10, minReplies: 2, minFraction: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientsConfig(10, perRound: 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientsConfig(10, fraction: 0.2, minReplies: 3));
        Assert.Equal(3, new ClientsConfig(10, fraction: 0.3, minReplies: 3).RequiredReplies);
    }

    [Theory]
    [InlineData(10, 0.3, 3)]
    [InlineData(100, 0.29, 29)]
    [InlineData(10, 0.7, 7)]
    [InlineData(3, 0.1, 1)]
    [InlineData(7, 1.0, 7)]
    [InlineData(100, 0.5, 50)]
    public void SampledPerRound_Fraction_IsFloorOfFractionTimesCountAtLeastOne(int count, double fraction, int expected)
    {
        Assert.Equal(expected, new ClientsConfig(count, fraction: fraction).SampledPerRound);
    }

    [Theory]
    [InlineData(20, 0.75, 15)]
    [InlineData(5, 0.5, 3)]
    [InlineData(10, 0.01, 1)]
    [InlineData(10, 1.0, 10)]
    public void RequiredReplies_MinFraction_IsCeilingOfFractionTimesSampled(int perRound, double minFraction, int expected)
    {
        Assert.Equal(expected, new ClientsConfig(100, perRound: perRound, minFraction: minFraction).RequiredReplies);
    }

    [Fact]
    public void StrategyConfig_DefaultServerLearningRate_DependsOnAdaptivity()
    {
        Assert.Equal(0.01, new StrategyConfig(StrategyKind.FedYogi).ServerLearningRate);
        Assert.True(new StrategyConfig(StrategyKind.FedAdagrad).IsAdaptive);
        Assert.Equal(1.0, new StrategyConfig(StrategyKind.FedAvgM).ServerLearningRate);
        Assert.False(new StrategyConfig(StrategyKind.FedProx).IsAdaptive);
        Assert.Equal(0.3, new StrategyConfig(StrategyKind.FedAdam, 0.3).ServerLearningRate);
    }

    [Fact]
    public void LearningRateAt_Round_DecaysGeometrically()
    {
        var t = new TrainingConfig(learningRate: 0.1, learningRateDecay: 0.5);

        Assert.Equal(0.1, t.LearningRateAt(1));
        Assert.Equal(0.025, t.LearningRateAt(3), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.LearningRateAt(0));
    }

    [Fact]
    public void IsEvaluationRound_EveryFive_IncludesTheLastRound()
    {
        var e = new EvaluationConfig(every: 5);

        Assert.Equal([5, 10, 12], Enumerable.Range(1, 12).Where(r => e.IsEvaluationRound(r, 12)));
        Assert.Throws<ArgumentOutOfRangeException>(() => e.IsEvaluationRound(13, 12));
    }

    [Fact]
    public void IsCheckpointRound_EveryZero_IsNever()
    {
        Assert.DoesNotContain(Enumerable.Range(1, 50), r => new CheckpointConfig(0).IsCheckpointRound(r));
        Assert.Equal([3, 6, 9], Enumerable.Range(1, 10).Where(new CheckpointConfig(3).IsCheckpointRound));
    }

    [Fact]
    public void ConfigTokens_EveryEnumValue_IsAcceptedByTheLoader()
    {
        foreach (var p in Enum.GetValues<PartitionKind>())
        {
            Assert.Equal(p, ConfigSamples.LoadMinimal("data.partition=" + ConfigTokens.ToToken(p)).Data.Partition);
        }

        foreach (var o in Enum.GetValues<OptimizerKind>())
        {
            Assert.Equal(o, ConfigSamples.LoadMinimal("training.optimizer=" + ConfigTokens.ToToken(o)).Training.Optimizer);
        }

        foreach (var m in Enum.GetValues<OptimizerStateMode>())
        {
            Assert.Equal(m, ConfigSamples.LoadMinimal("training.optimizer_state=" + ConfigTokens.ToToken(m)).Training.OptimizerState);
        }

        foreach (var s in Enum.GetValues<StrategyKind>())
        {
            Assert.Equal(s, ConfigSamples.LoadMinimal("strategy.name=" + ConfigTokens.ToToken(s)).Strategy.Kind);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigTokens.ToToken((StrategyKind)42));
    }
}
