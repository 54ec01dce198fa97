using FedShield.Experiments.Config;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Experiments.Tests.Config;

/// <summary>FsCheck generators of valid configurations, with awkward doubles and strings.</summary>
internal static class ConfigGenerators
{
    private static readonly string[] Texts =
        ["mnist", "mlp(hidden=[64, 32])", "123", "true", "null", "a: b", "x#y", "ünï", "two\nlines", "'q'", "-dash", "1.5"];

    /// <summary>A number in [0, 1) drawn from a mix of round and awkward values.</summary>
    private static Gen<double> UnitHalfOpen() =>
        Gen.OneOf(
            Gen.Choose(0, 999).Select(i => i / 1000.0),
            Gen.Elements(0.0, 0.1 + 0.2, 1e-9, 0.9999999999999999, 1.0 / 3));

    private static Gen<double> Fraction() => UnitHalfOpen().Select(x => 1 - x);

    private static Gen<double> Positive() =>
        Gen.OneOf(
            Gen.Choose(1, 1_000_000).Select(i => i / 1000.0),
            Gen.Elements(1e-300, 5e-324, 1.7976931348623157e308, 2.5e-7, 1.0 / 7));

    private static Gen<double> NonNegative() => Gen.OneOf(Positive(), Gen.Constant(0.0));

    private static Gen<string?> OptionalText() => Gen.OneOf(Gen.Constant<string?>(null), Gen.Elements(Texts).Select(t => (string?)t));

    private static Gen<DataConfig> Data() =>
        from dataset in Gen.Elements(Texts)
        from dir in OptionalText()
        from partition in Gen.Elements(Enum.GetValues<PartitionKind>())
        from alpha in Positive()
        from shards in Gen.Choose(1, 50)
        from sigma in NonNegative()
        from validation in UnitHalfOpen()
        from maxTrain in Gen.Choose(0, 100_000)
        from maxTest in Gen.Choose(0, 100_000)
        select new DataConfig(dataset, dir, partition, alpha, shards, sigma, validation, maxTrain, maxTest);

    private static Gen<ClientsConfig> Clients() =>
        from count in Gen.Choose(1, 1000)
        from usePerRound in Gen.Elements(true, false)
        from perRound in Gen.Choose(1, count)
        from fraction in Fraction()
        from useMinFraction in Gen.Elements(true, false)
        from minFraction in Fraction()
        from timeout in Positive()
        let sampled = usePerRound ? perRound : Math.Clamp((int)Math.Floor((fraction * count) + 1e-9), 1, count)
        from minReplies in Gen.Choose(1, sampled)
        select new ClientsConfig(
            count,
            usePerRound ? null : fraction,
            usePerRound ? perRound : null,
            useMinFraction ? null : minReplies,
            useMinFraction ? minFraction : null,
            timeout);

    private static Gen<TrainingConfig> Training() =>
        from epochs in Gen.Choose(1, 20)
        from batch in Gen.Choose(1, 512)
        from optimizer in Gen.Elements(Enum.GetValues<OptimizerKind>())
        from lr in Positive()
        from momentum in UnitHalfOpen()
        from nesterovWanted in Gen.Elements(true, false)
        from decay in NonNegative()
        from beta1 in UnitHalfOpen()
        from beta2 in UnitHalfOpen()
        from lrDecay in Fraction()
        from state in Gen.Elements(Enum.GetValues<OptimizerStateMode>())
        from clip in NonNegative()
        let nesterov = nesterovWanted && optimizer == OptimizerKind.Sgd && momentum > 0
        select new TrainingConfig(epochs, batch, optimizer, lr, momentum, nesterov, decay, beta1, beta2, lrDecay, state, clip);

    private static Gen<StrategyConfig> Strategy() =>
        from kind in Gen.Elements(Enum.GetValues<StrategyKind>())
        from serverLr in Gen.OneOf(Gen.Constant<double?>(null), Positive().Select(x => (double?)x))
        from momentum in UnitHalfOpen()
        from beta1 in UnitHalfOpen()
        from beta2 in UnitHalfOpen()
        from tau in Positive()
        from mu in NonNegative()
        from aggregator in Aggregator()
        select new StrategyConfig(kind, serverLr, momentum, beta1, beta2, tau, mu, aggregator);

    private static Gen<AggregatorConfig> Aggregator() =>
        from kind in Gen.Elements(Enum.GetValues<AggregatorKind>())
        from beta in UnitHalfOpen().Select(x => x / 2)
        from useCount in Gen.Elements(true, false)
        from fraction in Gen.OneOf(Gen.Constant<double?>(null), UnitHalfOpen().Select(x => (double?)(x / 2)))
        from count in Gen.Choose(0, 20)
        from krumSelect in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 50).Select(x => (int?)x))
        from bound in Gen.OneOf(Gen.Constant<double?>(null), Positive().Select(x => (double?)x))
        from kappa in Positive()
        from layer in Gen.Elements("last", "all")
        select new AggregatorConfig(kind, beta, useCount ? null : fraction, useCount ? count : null, krumSelect, bound, kappa, layer);

    private static Gen<AttackConfig> Attack() =>
        from kind in Gen.Elements(Enum.GetValues<AttackKind>())
        from useCount in Gen.Elements(true, false)
        from fraction in Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(0, 100).Select(x => (double?)(x / 100.0)))
        from count in Gen.Choose(0, 20)
        from sigma in NonNegative()
        from source in Gen.Elements("7", ">50K", "cat")
        from target in Gen.Elements("1", "<=50K", "dog")
        from scale in Positive()
        from omniscient in Gen.Elements(true, false)
        from z in Gen.OneOf(Gen.Constant<double?>(null), Positive().Select(x => (double?)x))
        from epsilon in Positive()
        from poison in Fraction()
        from boost in Gen.OneOf(Gen.Constant<double?>(null), Positive().Select(x => (double?)x))
        from low in Gen.Choose(0, 50).Select(x => x / 100.0)
        from high in Gen.Choose(50, 100).Select(x => x / 100.0)
        select new AttackConfig(
            kind, useCount ? null : fraction, useCount ? count : null, sigma, source, source == target ? target + "x" : target, scale, omniscient, z, epsilon, poison, boost,
            "random", low, high);

    public static Gen<ExperimentConfig> Configs() =>
        from name in Gen.Elements("a", "mnist-fedavg", "x.y_z", "2024")
        from seed in Gen.Elements(0L, -1L, long.MaxValue, long.MinValue, 42L)
        from rounds in Gen.Choose(1, 10_000)
        from data in Data()
        from model in Gen.Elements(Texts)
        from clients in Clients()
        from training in Training()
        from strategy in Strategy()
        from every in Gen.Choose(1, 100)
        from evalFraction in Gen.OneOf(UnitHalfOpen(), Gen.Constant(1.0))
        from checkpoint in Gen.Choose(0, 100)
        from output in Gen.Elements(Texts)
        from workers in Gen.Choose(0, 64)
        from tracked in Gen.Elements(true, false)
        from attack in Attack()
        select new ExperimentConfig(
            name, rounds, data, model, clients, seed, training, strategy,
            new EvaluationConfig(every, evalFraction, tracked ? "3" : null, tracked ? "5" : null), new CheckpointConfig(checkpoint), output, workers, attack);
}
