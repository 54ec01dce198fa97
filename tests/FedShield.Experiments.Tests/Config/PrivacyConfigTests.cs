using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Config;

public class PrivacyConfigTests
{
    private const string Base = """
        rounds: 3
        data:
          dataset: mnist
        model: m
        clients:
          count: 10

        """;

    private static ConfigError Single(string yaml) =>
        Assert.Single(Assert.Throws<ConfigException>(() => ExperimentConfigLoader.LoadText(yaml, "t.yaml")).Errors);

    [Fact]
    public void LoadText_SecureAggregationWithDistributedDp_Parses()
    {
        var config = ExperimentConfigLoader.LoadText(Base + "privacy:\n  secure_aggregation: secagg+\n  neighbours: 4\n  dp: distributed\n  noise_multiplier: 1.1\n  budget: 8\n", "t.yaml");
        Assert.Equal(SecureAggregationKind.SecAggPlus, config.Privacy.SecureAggregation);
        Assert.Equal(DpMode.Distributed, config.Privacy.Dp);
        Assert.Equal(4, config.Privacy.Neighbours);
        Assert.Equal(1.1, config.Privacy.NoiseMultiplier);
        Assert.True(config.Privacy.IsActive);
        Assert.Equal(config, ExperimentConfigLoader.LoadText(config.ToYaml(), "t.yaml"));
    }

    [Fact]
    public void LoadText_Niss_TauDefaultsToTheColludingBound()
    {
        var config = ExperimentConfigLoader.LoadText(Base + "privacy:\n  niss: true\n  epsilon: 10\n  delta: 1e-4\n  colluding_fraction: 0.8\n", "t.yaml");
        Assert.True(config.Privacy.Niss);
        Assert.Equal(Math.Sqrt(0.6), config.Privacy.EffectiveTau, 12);
    }

    [Fact]
    public void LoadText_NoPrivacySection_HashUnchangedByTheNewKeys()
    {
        var plain = ExperimentConfigLoader.LoadText(Base, "t.yaml");
        var explicitDefaults = ExperimentConfigLoader.LoadText(Base + "privacy:\n  dp: none\n  bits: 32\n", "t.yaml");
        Assert.False(plain.Privacy.IsActive);
        Assert.Equal(plain.ConfigHash, explicitDefaults.ConfigHash);
        Assert.NotEqual(plain.ConfigHash, ExperimentConfigLoader.LoadText(Base + "privacy:\n  secure_aggregation: secagg\n", "t.yaml").ConfigHash);
    }

    [Fact]
    public void LoadText_SecureAggregationWithMedian_RejectedWithTheReason()
    {
        var e = Single(Base + "strategy:\n  aggregator: median\nprivacy:\n  secure_aggregation: secagg\n");
        Assert.Equal(("privacy.secure_aggregation", 10, 23), (e.Path, e.Line, e.Column));
        Assert.Contains("reveals only the sum of the updates", e.Message, StringComparison.Ordinal);
        Assert.Contains("median needs each client's individual update", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_SecureAggregationWithFixedNormBound_Parses()
    {
        var config = ExperimentConfigLoader.LoadText(Base + "strategy:\n  aggregator: norm-bounding\n  norm_bound: 2\nprivacy:\n  secure_aggregation: secagg\n", "t.yaml");
        Assert.Equal(SecureAggregationKind.SecAgg, config.Privacy.SecureAggregation);
    }

    [Fact]
    public void LoadText_SecureAggregationWithMedianNormBounding_Rejected()
    {
        var e = Single(Base + "strategy:\n  aggregator: norm-bounding\nprivacy:\n  secure_aggregation: secagg\n");
        Assert.Contains("median norm", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  niss: true\n  secure_aggregation: secagg\n", "privacy.niss", "both round protocols")]
    [InlineData("  ffl: true\n  secure_aggregation: secagg\n", "privacy.ffl", "both round protocols")]
    [InlineData("  ffl: true\n  dp: central\n  noise_multiplier: 1\n", "privacy.ffl", "aggregates the mixed updates itself")]
    [InlineData("  niss: true\n", "privacy.niss", "needs privacy.epsilon")]
    [InlineData("  dp: local\n", "privacy.dp", "exactly one of privacy.epsilon")]
    [InlineData("  dp: central\n", "privacy.dp", "needs privacy.noise_multiplier")]
    [InlineData("  dp: distributed\n  noise_multiplier: 1\n", "privacy.dp", "relies on secure aggregation")]
    [InlineData("  budget: 3\n", "privacy.budget", "needs differential privacy")]
    [InlineData("  niss: true\n  epsilon: 5\n  tau: 0.1\n  colluding_fraction: 0.9\n", "privacy.niss", "Theorem 3")]
    [InlineData("  tau: 0.5\n", "privacy.tau", "configure NISS")]
    public void LoadText_InconsistentPrivacySettings_ReportedAtTheKey(string section, string path, string fragment)
    {
        var e = Single(Base + "privacy:\n" + section);
        Assert.Equal(path, e.Path);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line >= 8);
    }

    [Fact]
    public void LoadText_CentralDpWithKrum_Rejected()
    {
        var e = Single(Base + "strategy:\n  aggregator: krum\nprivacy:\n  dp: central\n  noise_multiplier: 1\n");
        Assert.Contains("strategy.aggregator must be mean, not krum", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  threshold: 1\n", "privacy.threshold")]
    [InlineData("  bits: 65\n", "privacy.bits")]
    [InlineData("  delta: 1\n", "privacy.delta")]
    [InlineData("  secure_aggregation: paillier\n", "privacy.secure_aggregation")]
    public void LoadText_OutOfRange_Rejected(string section, string path)
    {
        Assert.Equal(path, Single(Base + "privacy:\n" + section).Path);
    }

    [Fact]
    public void Constructor_InconsistentCombination_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PrivacyConfig(dp: DpMode.Central));
        Assert.Throws<ArgumentException>(() => new ExperimentConfig(
            "x", 1, new DataConfig("mnist"), "m", new ClientsConfig(4),
            strategy: new StrategyConfig(aggregator: new AggregatorConfig(AggregatorKind.Median)),
            privacy: new PrivacyConfig(SecureAggregationKind.SecAgg)));
    }

    [Fact]
    public void LoadText_Ffl_ParsesWithItsDefaultsAndLeavesOtherHashesAlone()
    {
        var config = ExperimentConfigLoader.LoadText(Base + "attack:\n  type: gaussian-noise\n  ffl_strategy: 2\nprivacy:\n  ffl: true\n", "t.yaml");
        Assert.True(config.Privacy.Ffl);
        Assert.True(config.Privacy.FflReputation);
        Assert.Equal(0.2, config.Privacy.FflAlpha);
        Assert.Equal(2, config.Attack.FflStrategy);
        Assert.True(config.Privacy.IsActive);
        Assert.Equal(config, ExperimentConfigLoader.LoadText(config.ToYaml(), "t.yaml"));
        var plain = ExperimentConfigLoader.LoadText(Base, "t.yaml");
        Assert.Equal(plain.ConfigHash, ExperimentConfigLoader.LoadText(Base + "attack:\n  ffl_strategy: 1\nprivacy:\n  ffl: false\n  ffl_alpha: 0.2\n", "t.yaml").ConfigHash);
        Assert.NotEqual(plain.ConfigHash, ExperimentConfigLoader.LoadText(Base + "privacy:\n  ffl: true\n", "t.yaml").ConfigHash);
    }

    [Fact]
    public void LoadText_FflWithMedian_RejectedAtTheKeyWithTheReason()
    {
        var e = Single(Base + "strategy:\n  aggregator: median\nprivacy:\n  ffl: true\n");
        Assert.Equal("privacy.ffl", e.Path);
        Assert.Contains("strategy.aggregator must be mean, not median", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    public void LoadText_FflStrategyOutsideOneToThree_Rejected(string value)
    {
        var e = Single(Base + $"attack:\n  ffl_strategy: {value}\n");
        Assert.Equal("attack.ffl_strategy", e.Path);
    }
}
