namespace FedShield.Experiments.Tests.Config;

/// <summary>Experiment files shared by the config tests.</summary>
internal static class ConfigSamples
{
    /// <summary>Only the required keys.</summary>
    public const string Minimal = """
        rounds: 3
        data:
          dataset: mnist
        model: mnist-cnn
        clients:
          count: 10
        """;

    /// <summary>Every key set to a non-default value.</summary>
    public const string Full = """
        # every key, none at its default
        name: mnist-full
        seed: 42
        rounds: 200
        data:
          dataset: mnist
          dir: /data/mnist
          partition: dirichlet
          alpha: 0.3
          shards_per_client: 4
          sigma: 2.5
          validation: 0.1
          max_train_samples: 1000
          max_test_samples: 500
        model: mlp(hidden=[64, 32])
        clients:
          count: 100
          per_round: 20
          min_fraction: 0.75
          timeout_s: 30.5
        training:
          epochs: 5
          batch_size: 64
          optimizer: sgd
          lr: 0.05
          momentum: 0.9
          nesterov: true
          weight_decay: 1e-4
          beta1: 0.8
          beta2: 0.99
          lr_decay: 0.995
          optimizer_state: keep
          max_grad_norm: 10
        strategy:
          name: fedadam
          server_lr: 0.1
          server_momentum: 0.5
          beta1: 0.85
          beta2: 0.95
          tau: 0.01
          mu: 0.1
        evaluation:
          every: 5
          client_fraction: 0.2
        checkpoint:
          every: 0
        output: /tmp/runs
        workers: 4
        """;

    public static FedShield.Experiments.Config.ExperimentConfig LoadMinimal(params string[] overrides) =>
        FedShield.Experiments.Config.ExperimentConfigLoader.LoadText(Minimal, "minimal.yaml", overrides);
}
