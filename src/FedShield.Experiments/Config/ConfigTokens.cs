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
