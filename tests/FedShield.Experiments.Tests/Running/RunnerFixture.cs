using FedShield.Data.Sources;
using FedShield.Experiments.Config;
using FedShield.Experiments.Running;

namespace FedShield.Experiments.Tests.Running;

internal static class RunnerFixture
{
    public const string Tiny = """
        name: tiny
        seed: 4
        rounds: 6
        data:
          dataset: gaussian-mixture
          partition: dirichlet
          alpha: 1.0
          validation: 0.1
        model: mlp(hidden=[16])
        clients:
          count: 8
          per_round: 4
        training:
          epochs: 2
          batch_size: 32
          optimizer: sgd
          lr: 0.05
          momentum: 0.9
        evaluation:
          every: 2
          client_fraction: 0.5
        checkpoint:
          every: 2
        """;

    public static ExperimentConfig Config(params string[] overrides) => ExperimentConfigLoader.LoadText(Tiny, "tiny.yaml", overrides);

    public static RunOptions Options(string runDirectory, string? registry = null) => new()
    {
        RunDirectory = runDirectory,
        RegistryPath = registry,
        Locator = new DatasetLocator(DatasetLocatorOptions.FromEnvironment() with { AllowDownload = false }),
    };
}
