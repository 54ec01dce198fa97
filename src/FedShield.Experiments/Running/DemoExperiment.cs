using FedShield.Data;
using FedShield.Data.Sources;
using FedShield.Experiments.Config;

namespace FedShield.Experiments.Running;

/// <summary>
/// The experiment <c>fedshield demo</c> runs: FedAvg on MNIST when its files are already on this
/// machine (nothing is downloaded), otherwise on the built-in synthetic Gaussian-mixture task.
/// Both finish in well under a few minutes on two cores.
/// </summary>
public static class DemoExperiment
{
    /// <summary>The MNIST experiment: 100 IID clients, 20 per round, 2 local epochs of SGD, 25 rounds.</summary>
    public const string MnistYaml = """
        name: demo-mnist
        seed: 1
        rounds: 25
        data:
          dataset: mnist
          partition: iid
        model: mnist-cnn
        clients:
          count: 100
          per_round: 20
        training:
          epochs: 2
          batch_size: 32
          optimizer: sgd
          lr: 0.05
          momentum: 0.9
        strategy:
          name: fedavg
        evaluation:
          every: 1
        checkpoint:
          every: 5
        """;

    /// <summary>The synthetic experiment: a 10-class Gaussian mixture over 20 label-skewed clients, an MLP, 30 rounds.</summary>
    public const string SyntheticYaml = """
        name: demo-synthetic
        seed: 1
        rounds: 30
        data:
          dataset: gaussian-mixture
          partition: dirichlet
          alpha: 0.5
        model: mlp(hidden=[64])
        clients:
          count: 20
          per_round: 10
        training:
          epochs: 2
          batch_size: 32
          optimizer: sgd
          lr: 0.05
          momentum: 0.9
        strategy:
          name: fedavg
        evaluation:
          every: 1
        checkpoint:
          every: 10
        """;

    /// <summary>The demo config for this machine, and a sentence saying which task was chosen and why.</summary>
    /// <param name="locatorOptions">Where datasets are looked for (downloads are not attempted).</param>
    /// <param name="output">The output root for the run directory.</param>
    /// <param name="overrides">Extra <c>--set</c> overrides.</param>
    public static (ExperimentConfig Config, string Note) Create(DatasetLocatorOptions locatorOptions, string output, IReadOnlyList<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(locatorOptions);
        var sets = new List<string> { "output=" + output };
        sets.AddRange(overrides ?? []);
        var mnist = DatasetCatalog.Find("mnist").Source!;
        try
        {
            var offline = new DatasetLocator(locatorOptions with { AllowDownload = false });
            var where = offline.Resolve(mnist);
            return (ExperimentConfigLoader.LoadText(MnistYaml, "demo-mnist.yaml", sets), $"MNIST found in {where}: federated MNIST with 100 clients");
        }
        catch (DatasetNotFoundException)
        {
            return (ExperimentConfigLoader.LoadText(SyntheticYaml, "demo-synthetic.yaml", sets), "MNIST not found on this machine (set FEDSHIELD_DATA_DIR or run `fedshield data show mnist`): using the built-in synthetic Gaussian-mixture task with 20 label-skewed clients");
        }
    }
}
