using FedShield.Experiments.Config;
using FedShield.Experiments.Config.Schema;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Experiments.Tests.Config;

public class ResolvedYamlTests
{
    private const string MinimalResolved = """
        name: minimal
        seed: 0
        rounds: 3
        data:
          dataset: mnist
          dir: null
          partition: iid
          alpha: 0.5
          shards_per_client: 2
          sigma: 1.0
          validation: 0.0
          max_train_samples: 0
          max_test_samples: 0
        model: mnist-cnn
        clients:
          count: 10
          fraction: 0.5
          per_round: null
          min_replies: 1
          min_fraction: null
          timeout_s: 600.0
        training:
          epochs: 1
          batch_size: 32
          optimizer: sgd
          lr: 0.01
          momentum: 0.0
          nesterov: false
          weight_decay: 0.0
          beta1: 0.9
          beta2: 0.999
          lr_decay: 1.0
          optimizer_state: reset
          max_grad_norm: 0.0
        strategy:
          name: fedavg
          server_lr: 1.0
          server_momentum: 0.9
          beta1: 0.9
          beta2: 0.99
          tau: 0.001
          mu: 0.01
          aggregator: mean
          trim_beta: 0.1
          byzantine_fraction: null
          byzantine_count: null
          krum_select: null
          norm_bound: null
          foolsgold_kappa: 1.0
          foolsgold_layer: last
        attack:
          type: none
          fraction: null
          count: null
          sigma: 0.5
          source: null
          target: null
          scale: 1.0
          omniscient: false
          z: null
          epsilon: 0.5
          poison_fraction: 0.5
          boost: null
          target_model: null
          lambda_low: 0.25
          lambda_high: 0.35
          ffl_strategy: 1
        evaluation:
          every: 1
          client_fraction: 0.0
          source_class: null
          target_class: null
        privacy:
          secure_aggregation: none
          threshold: 0.5
          bits: 32
          clip_range: 1.0
          max_weight: null
          neighbours: null
          dp: none
          clip: 1.0
          noise_multiplier: null
          epsilon: null
          delta: 1E-05
          budget: null
          niss: false
          unit_variance: 0.01
          tau: null
          colluding_fraction: null
          ffl: false
          ffl_alpha: 0.2
          ffl_reputation: true
        checkpoint:
          every: 10
        output: runs
        workers: 0

        """;

    [Fact]
    public void ToYaml_MinimalFile_WritesEveryKeyWithItsEffectiveValueInAFixedOrder()
    {
        Assert.Equal(MinimalResolved, ConfigSamples.LoadMinimal().ToYaml());
    }

    [Fact]
    public void ToYaml_AnyConfig_NamesEveryKeyOfTheSchema()
    {
        string yaml = ExperimentConfigLoader.LoadText(ConfigSamples.Full, "full.yaml").ToYaml();
        var lines = yaml.Split('\n');
        foreach (var key in ConfigKeys.All)
        {
            string indent = key.Section.Length == 0 ? "" : "  ";
            Assert.Contains(lines, l => l.StartsWith(indent + key.Name + ":", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(ConfigSamples.Minimal)]
    [InlineData(ConfigSamples.Full)]
    public void ToYaml_LoadedBack_GivesAnEqualConfig(string yaml)
    {
        var config = ExperimentConfigLoader.LoadText(yaml, "sample.yaml");

        var reloaded = ExperimentConfigLoader.LoadText(config.ToYaml(), "elsewhere.yaml");

        Assert.Equal(config, reloaded);
        Assert.Equal(config.ToYaml(), reloaded.ToYaml());
    }

    [Theory]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("yes")]
    [InlineData("1e5")]
    [InlineData(".inf")]
    [InlineData("a: b")]
    [InlineData("#not a comment")]
    [InlineData(" padded ")]
    [InlineData("- item")]
    [InlineData("it's \"quoted\"")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    [InlineData("ünïcødé ✓")]
    [InlineData("[not, a, list]")]
    [InlineData("{not: a map}")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("%directive")]
    [InlineData("@reserved")]
    public void ToYaml_StringsThatLookLikeOtherThings_StayStrings(string text)
    {
        var config = new ExperimentConfig("n", 1, new DataConfig(text, text), text, new ClientsConfig(1), output: text);

        var reloaded = ExperimentConfigLoader.LoadText(config.ToYaml(), "x.yaml");

        Assert.Equal(config, reloaded);
    }

    [Fact]
    public void ToYaml_GeneratedConfigs_RoundTripThroughTheLoader()
    {
        Prop.ForAll(ConfigGenerators.Configs().ToArbitrary(), config =>
        {
            var reloaded = ExperimentConfigLoader.LoadText(config.ToYaml(), "generated.yaml");
            return reloaded.Equals(config) && reloaded.ConfigHash == config.ConfigHash;
        }).QuickCheckThrowOnFailure();
    }
}
