using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Adversarial;

public class AttackConfigTests
{
    private const string Base = """
        rounds: 3
        data:
          dataset: gaussian-mixture
        model: logistic
        clients:
          count: 10
        """;

    private static ExperimentConfig Load(string yaml, params string[] sets) => ExperimentConfigLoader.LoadText(yaml, "e.yaml", sets);

    private static IReadOnlyList<ConfigError> Errors(string yaml, params string[] sets) =>
        Assert.Throws<ConfigException>(() => Load(yaml, sets)).Errors;

    [Fact]
    public void Defaults_NoAttackAndTheMean()
    {
        var config = Load(Base);
        Assert.Equal(AttackKind.None, config.Attack.Kind);
        Assert.False(config.Attack.IsActive);
        Assert.Equal(0, config.Attack.MaliciousCount(100));
        Assert.Equal(AggregatorKind.Mean, config.Strategy.Aggregator.Kind);
        Assert.Equal(0.2, config.Strategy.Aggregator.EffectiveByzantineFraction);
        Assert.Null(config.Evaluation.SourceClass);
    }

    [Fact]
    public void EveryKey_IsRead()
    {
        var config = Load(Base + """

            strategy:
              aggregator: multi-krum
              trim_beta: 0.25
              byzantine_count: 3
              krum_select: 4
              norm_bound: 2.5
              foolsgold_kappa: 2
              foolsgold_layer: all
            attack:
              type: label-flip
              count: 2
              sigma: 0.3
              source: ">50K"
              target: "<=50K"
              scale: 4
              omniscient: true
              z: 1.5
              epsilon: 0.7
              poison_fraction: 0.25
              boost: 10
              target_model: random
              lambda_low: 0.1
              lambda_high: 0.2
            evaluation:
              source_class: "7"
              target_class: "1"
            """);
        var a = config.Strategy.Aggregator;
        Assert.Equal((AggregatorKind.MultiKrum, 0.25, (double?)null, (int?)3, (int?)4, (double?)2.5, 2.0, "all"), (a.Kind, a.TrimBeta, a.ByzantineFraction, a.ByzantineCount, a.KrumSelect, a.NormBound, a.FoolsGoldKappa, a.FoolsGoldLayer));
        var t = config.Attack;
        Assert.Equal((AttackKind.LabelFlip, (double?)null, (int?)2, 0.3, ">50K", "<=50K", 4.0, true), (t.Kind, t.Fraction, t.Count, t.Sigma, t.Source, t.Target, t.Scale, t.Omniscient));
        Assert.Equal(((double?)1.5, 0.7, 0.25, (double?)10, "random", 0.1, 0.2), (t.Z, t.Epsilon, t.PoisonFraction, t.Boost, t.TargetModel, t.LambdaLow, t.LambdaHigh));
        Assert.Equal(2, t.MaliciousCount(100));
        Assert.Equal(("7", "1"), (config.Evaluation.SourceClass, config.Evaluation.TargetClass));
        Assert.Equal(config.ConfigHash, ExperimentConfigLoader.LoadText(config.ToYaml(), "again.yaml").ConfigHash);
    }

    [Fact]
    public void Fraction_RoundsToNearestClient()
    {
        var config = Load(Base, "attack.type=gaussian-noise", "attack.fraction=0.25");
        Assert.Equal(5, config.Attack.MaliciousCount(20));
        Assert.Equal(3, config.Attack.MaliciousCount(10));
        Assert.Equal(4, Load(Base, "attack.type=sign-flip").Attack.MaliciousCount(20));
    }

    [Fact]
    public void LabelFlip_WithoutClasses_IsAnErrorAtTheType()
    {
        var errors = Errors(Base, "attack.type=label-flip");
        var e = Assert.Single(errors);
        Assert.Equal("attack.type", e.Path);
        Assert.Contains("attack.source and attack.target", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_OfBackdoorAndTargetedModel_AreChecked()
    {
        Assert.Contains("attack.target", Assert.Single(Errors(Base, "attack.type=backdoor")).Message, StringComparison.Ordinal);
        Assert.Contains("attack.target_model", Assert.Single(Errors(Base, "attack.type=targeted-model")).Message, StringComparison.Ordinal);
        Assert.Contains("lambda_low", Assert.Single(Errors(Base, "attack.type=targeted-model", "attack.target_model=random", "attack.lambda_low=0.5", "attack.lambda_high=0.4")).Message, StringComparison.Ordinal);
        Assert.Contains("two different classes", Assert.Single(Errors(Base, "attack.type=label-flip", "attack.source=3", "attack.target=3")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FractionAndCount_AreExclusive()
    {
        var e = Assert.Single(Errors(Base + "\nattack:\n  type: scaling\n  fraction: 0.1\n  count: 2\n"));
        Assert.Equal("attack.count", e.Path);
        Assert.Contains("attack.fraction", e.Message, StringComparison.Ordinal);
        var s = Assert.Single(Errors(Base + "\nstrategy:\n  byzantine_fraction: 0.1\n  byzantine_count: 2\n"));
        Assert.Equal("strategy.byzantine_count", s.Path);

        // On the command line one replaces the other.
        var config = Load(Base + "\nattack:\n  type: scaling\n  fraction: 0.1\n", "attack.count=2");
        Assert.Equal((null, 2), (config.Attack.Fraction, config.Attack.Count));
    }

    [Fact]
    public void UnknownAggregatorOrAttack_ListsTheChoices()
    {
        var errors = Errors(Base, "strategy.aggregator=krumm", "attack.type=noise");
        Assert.Equal(2, errors.Count);
        Assert.Contains("multi-krum", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("gaussian-noise", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeValues_AreReportedWithTheirKeys()
    {
        var errors = Errors(Base, "strategy.trim_beta=0.5", "attack.fraction=1.5", "attack.poison_fraction=0", "strategy.byzantine_fraction=-0.1");
        Assert.Equal(["strategy.trim_beta", "attack.fraction", "attack.poison_fraction", "strategy.byzantine_fraction"], errors.Select(e => e.Path));
    }

    [Fact]
    public void TrackedClasses_GoTogether()
    {
        var e = Assert.Single(Errors(Base, "evaluation.source_class=7"));
        Assert.Equal("evaluation.source_class", e.Path);
        Assert.Contains("evaluation.target_class", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_ValidateTheirArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AggregatorConfig(trimBeta: 0.6));
        Assert.Throws<ArgumentException>(() => new AggregatorConfig(byzantineFraction: 0.1, byzantineCount: 1));
        Assert.Throws<ArgumentException>(() => new AggregatorConfig(foolsGoldLayer: "first"));
        Assert.Throws<ArgumentException>(() => new AttackConfig(AttackKind.LabelFlip, source: "1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttackConfig(AttackKind.GaussianNoise, sigma: -1));
        Assert.Throws<ArgumentException>(() => new EvaluationConfig(sourceClass: "1"));
    }
}
