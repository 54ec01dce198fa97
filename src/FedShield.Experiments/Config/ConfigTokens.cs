namespace FedShield.Experiments.Config;

/// <summary>
/// The lowercase YAML spellings of the configuration enums (<c>iid</c>, <c>adamw</c>, <c>fedavgm</c>, ...),
/// for writing them back, naming them in reports and storing them in the run registry.
/// </summary>
public static class ConfigTokens
{
    internal static readonly TokenTable<PartitionKind> Partitions = new(
        ("iid", PartitionKind.Iid),
        ("dirichlet", PartitionKind.Dirichlet),
        ("shards", PartitionKind.Shards),
        ("quantity", PartitionKind.Quantity));

    internal static readonly TokenTable<OptimizerKind> Optimizers = new(
        ("sgd", OptimizerKind.Sgd),
        ("adam", OptimizerKind.Adam),
        ("adamw", OptimizerKind.AdamW));

    internal static readonly TokenTable<OptimizerStateMode> OptimizerStates = new(
        ("reset", OptimizerStateMode.Reset),
        ("keep", OptimizerStateMode.Keep));

    internal static readonly TokenTable<StrategyKind> Strategies = new(
        ("fedavg", StrategyKind.FedAvg),
        ("fedavgm", StrategyKind.FedAvgM),
        ("fedadam", StrategyKind.FedAdam),
        ("fedyogi", StrategyKind.FedYogi),
        ("fedadagrad", StrategyKind.FedAdagrad),
        ("fedprox", StrategyKind.FedProx));

    internal static readonly TokenTable<AggregatorKind> Aggregators = new(
        ("mean", AggregatorKind.Mean),
        ("median", AggregatorKind.Median),
        ("trimmed-mean", AggregatorKind.TrimmedMean),
        ("krum", AggregatorKind.Krum),
        ("multi-krum", AggregatorKind.MultiKrum),
        ("bulyan", AggregatorKind.Bulyan),
        ("foolsgold", AggregatorKind.FoolsGold),
        ("norm-bounding", AggregatorKind.NormBounding),
        ("geometric-median", AggregatorKind.GeometricMedian));

    internal static readonly TokenTable<AttackKind> Attacks = new(
        ("none", AttackKind.None),
        ("gaussian-noise", AttackKind.GaussianNoise),
        ("label-flip", AttackKind.LabelFlip),
        ("sign-flip", AttackKind.SignFlip),
        ("scaling", AttackKind.Scaling),
        ("alie", AttackKind.Alie),
        ("ipm", AttackKind.Ipm),
        ("backdoor", AttackKind.Backdoor),
        ("targeted-model", AttackKind.TargetedModel));

    internal static readonly TokenTable<SecureAggregationKind> SecureAggregations = new(
        ("none", SecureAggregationKind.None),
        ("secagg", SecureAggregationKind.SecAgg),
        ("secagg+", SecureAggregationKind.SecAggPlus));

    internal static readonly TokenTable<DpMode> DpModes = new(
        ("none", DpMode.None),
        ("local", DpMode.Local),
        ("central", DpMode.Central),
        ("distributed", DpMode.Distributed));

    /// <summary>The config token of a secure-aggregation variant ("secagg", "secagg+").</summary>
    public static string ToToken(SecureAggregationKind kind) => SecureAggregations.ToToken(kind);

    /// <summary>The config token of a differential-privacy mode ("local", "central", ...).</summary>
    public static string ToToken(DpMode mode) => DpModes.ToToken(mode);

    /// <summary>The config token of an aggregator ("median", "multi-krum", ...).</summary>
    public static string ToToken(AggregatorKind kind) => Aggregators.ToToken(kind);

    /// <summary>The config token of an attack ("gaussian-noise", "label-flip", ...).</summary>
    public static string ToToken(AttackKind kind) => Attacks.ToToken(kind);

    /// <summary>The YAML spelling of a partition kind, e.g. <c>dirichlet</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string ToToken(PartitionKind kind) => Partitions.ToToken(kind);

    /// <summary>The YAML spelling of an optimiser, e.g. <c>adamw</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string ToToken(OptimizerKind kind) => Optimizers.ToToken(kind);

    /// <summary>The YAML spelling of an optimiser-state mode, <c>reset</c> or <c>keep</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string ToToken(OptimizerStateMode mode) => OptimizerStates.ToToken(mode);

    /// <summary>The YAML spelling of a strategy, e.g. <c>fedavgm</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string ToToken(StrategyKind kind) => Strategies.ToToken(kind);
}
