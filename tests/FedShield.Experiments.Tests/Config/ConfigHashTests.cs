using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Config;

public class ConfigHashTests
{
    [Fact]
    public void ConfigHash_IsLowercaseHexSha256()
    {
        string hash = ConfigSamples.LoadMinimal().ConfigHash;

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void ConfigHash_MinimalFile_HasItsPinnedValue()
    {
        // The canonical form is part of the registry's contract: a change here orphans every stored hash,
        // so it must be deliberate (and this value updated with a note in the changelog).
        Assert.Equal("b5462f5528aa7f704dd54b14d9ee2be372a1e72a6d75d6bac33bac58942bce88", ConfigSamples.LoadMinimal().ConfigHash);
    }

    [Fact]
    public void ConfigHash_LaterKeysAtTheirDefaults_KeepThePinnedValue_AndChangeItWhenSet()
    {
        var plain = ConfigSamples.LoadMinimal();
        var explicitDefaults = ConfigSamples.LoadMinimal("strategy.aggregator=mean", "attack.type=none", "attack.sigma=0.5", "strategy.foolsgold_layer=last");
        Assert.Equal(plain.ConfigHash, explicitDefaults.ConfigHash);
        Assert.NotEqual(plain.ConfigHash, ConfigSamples.LoadMinimal("strategy.aggregator=median").ConfigHash);
        Assert.NotEqual(plain.ConfigHash, ConfigSamples.LoadMinimal("attack.sigma=0.4").ConfigHash);
        Assert.NotEqual(
            ConfigSamples.LoadMinimal("attack.type=gaussian-noise").ConfigHash,
            ConfigSamples.LoadMinimal("attack.type=gaussian-noise", "attack.count=3").ConfigHash);
    }

    [Fact]
    public void ConfigHash_NameOutputAndWorkers_DoNotChangeIt()
    {
        var a = ConfigSamples.LoadMinimal();
        var b = ConfigSamples.LoadMinimal("name=other", "output=/elsewhere", "workers=7");

        Assert.NotEqual(a, b);
        Assert.Equal(a.ConfigHash, b.ConfigHash);
    }

    [Fact]
    public void ConfigHash_EquivalentFiles_ShareIt()
    {
        const string spelledOut = """
            # same experiment, different spelling
            clients: {count: 10, fraction: 0.50, min_replies: 1}
            model: "mnist-cnn"
            data:
              partition: iid
              dataset: 'mnist'
            rounds: 3
            training: {lr: 1e-2, epochs: 1}
            strategy: {name: fedavg, server_lr: 1}
            """;

        Assert.Equal(ConfigSamples.LoadMinimal().ConfigHash, ExperimentConfigLoader.LoadText(spelledOut, "other.yaml").ConfigHash);
    }

    [Fact]
    public void ConfigHash_AnyComputedSettingChanged_ChangesIt()
    {
        string[] changes =
        [
            "seed=1", "rounds=4", "data.dataset=cifar10", "data.dir=/d", "data.partition=shards", "data.alpha=0.25",
            "data.shards_per_client=3", "data.sigma=2", "data.validation=0.1", "data.max_train_samples=100",
            "data.max_test_samples=100", "model=mlp", "clients.count=11", "clients.fraction=0.6", "clients.per_round=4",
            "clients.min_fraction=0.5", "clients.timeout_s=60", "training.epochs=2",
            "training.batch_size=16", "training.optimizer=adam", "training.lr=0.02", "training.momentum=0.5",
            "training.weight_decay=0.001", "training.beta1=0.8", "training.beta2=0.99", "training.lr_decay=0.9",
            "training.optimizer_state=keep", "training.max_grad_norm=1", "strategy.name=fedprox", "strategy.server_lr=0.5",
            "strategy.server_momentum=0.5", "strategy.beta1=0.5", "strategy.beta2=0.5", "strategy.tau=0.1", "strategy.mu=0.5",
            "evaluation.every=2", "evaluation.client_fraction=0.5", "checkpoint.every=0",
        ];

        var hashes = changes.Select(set => ConfigSamples.LoadMinimal(set).ConfigHash).Append(ConfigSamples.LoadMinimal().ConfigHash).ToList();

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void ConfigHash_ClientsMinReplies_ChangesIt()
    {
        Assert.NotEqual(ConfigSamples.LoadMinimal().ConfigHash, ConfigSamples.LoadMinimal("clients.min_replies=2").ConfigHash);
        Assert.NotEqual(ConfigSamples.LoadMinimal().ConfigHash, ConfigSamples.LoadMinimal("training.momentum=0.5", "training.nesterov=true").ConfigHash);
    }
}
