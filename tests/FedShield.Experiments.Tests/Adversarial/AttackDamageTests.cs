using FedShield.Data.Sources;
using FedShield.Experiments.Adversarial;
using FedShield.Experiments.Config;
using FedShield.Experiments.Output;
using FedShield.Experiments.Running;

namespace FedShield.Experiments.Tests.Adversarial;

/// <summary>
/// Paired runs on a small MNIST federation (same seed, same clients, same sampling): each attack,
/// by a third of the clients, measurably hurts plain averaging compared with the clean run.
/// </summary>
public class AttackDamageTests
{
    private const string Small = """
        seed: 3
        rounds: 6
        data:
          dataset: mnist
          max_train_samples: 4000
          max_test_samples: 1000
        model: mnist-cnn
        clients:
          count: 12
          per_round: 6
        training:
          epochs: 2
          batch_size: 32
          optimizer: sgd
          lr: 0.05
          momentum: 0.9
        evaluation:
          every: 3
        checkpoint:
          every: 0
        """;

    private static async Task<RoundRow> FinalRowAsync(TempDirectory dir, string name, params string[] sets)
    {
        var config = ExperimentConfigLoader.LoadText(Small, "small.yaml", ["attack.count=4", .. sets]);
        var options = new RunOptions
        {
            RunDirectory = dir.File(name),
            Locator = new DatasetLocator(DatasetLocatorOptions.FromEnvironment() with { AllowDownload = false }),
        };
        await ExperimentRunner.RunAsync(config, options);
        return MetricsJournal.Read(dir.File(name)).Rows[^1];
    }

    [ReferenceDataFact]
    public async Task UntargetedAttacks_LowerAccuracy()
    {
        using var dir = new TempDirectory();
        var clean = await FinalRowAsync(dir, "clean");
        double cleanAccuracy = clean.GetNumber(RoundFields.TestAccuracy);
        Assert.True(cleanAccuracy > 0.85, $"clean accuracy {cleanAccuracy}");
        string[][] attacks =
        [
            ["attack.type=gaussian-noise", "attack.sigma=0.5"],
            ["attack.type=sign-flip", "attack.scale=2"],
            ["attack.type=scaling", "attack.scale=20"],
            ["attack.type=alie", "attack.z=3"],
            ["attack.type=ipm", "attack.epsilon=4"],
            ["attack.type=targeted-model", "attack.target_model=random", "attack.lambda_low=0.9", "attack.lambda_high=1"],
        ];
        foreach (var attack in attacks)
        {
            var row = await FinalRowAsync(dir, attack[0]["attack.type=".Length..], attack);
            double accuracy = row.GetNumber(RoundFields.TestAccuracy);
            Assert.True(accuracy < cleanAccuracy - 0.03, $"{string.Join(' ', attack)}: accuracy {accuracy:F4} vs clean {cleanAccuracy:F4}");
        }
    }

    [ReferenceDataFact]
    public async Task LabelFlip_RaisesTheAttackSuccessRate()
    {
        using var dir = new TempDirectory();
        var clean = await FinalRowAsync(dir, "clean", "evaluation.source_class=7", "evaluation.target_class=1");
        var flipped = await FinalRowAsync(dir, "flip", "attack.type=label-flip", "attack.source=7", "attack.target=1");
        double before = clean.GetNumber(AdversarialSetup.AttackSuccessMetric);
        double after = flipped.GetNumber(AdversarialSetup.AttackSuccessMetric);
        Assert.True(after > before + 0.02, $"ASR {after:F4} vs clean {before:F4}");
        Assert.True(flipped.GetNumber(AdversarialSetup.SourceAccuracyMetric) < clean.GetNumber(AdversarialSetup.SourceAccuracyMetric));
    }

    [ReferenceDataFact]
    public async Task Backdoor_TeachesTheTrigger()
    {
        using var dir = new TempDirectory();
        var clean = await FinalRowAsync(dir, "clean", "attack.type=backdoor", "attack.target=0", "attack.count=0");
        var poisoned = await FinalRowAsync(dir, "poisoned", "attack.type=backdoor", "attack.target=0", "attack.boost=3");
        double before = clean.GetNumber(AdversarialSetup.BackdoorAccuracyMetric);
        double after = poisoned.GetNumber(AdversarialSetup.BackdoorAccuracyMetric);
        Assert.True(after > before + 0.2, $"backdoor accuracy {after:F4} vs without attackers {before:F4}");
    }
}
