using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The aggregation rule of the <c>strategy</c> section and its parameters.</summary>
public sealed record AggregatorConfig
{
    /// <summary>Creates a validated aggregator configuration.</summary>
    /// <param name="kind">The rule (<c>strategy.aggregator</c>).</param>
    /// <param name="trimBeta">Fraction trimmed from each end by the trimmed mean (<c>strategy.trim_beta</c>).</param>
    /// <param name="byzantineFraction">The f that Krum, Multi-Krum and Bulyan assume, as a fraction of the round's updates (<c>strategy.byzantine_fraction</c>; 0.2 when neither it nor the count is set).</param>
    /// <param name="byzantineCount">The f as a count instead (<c>strategy.byzantine_count</c>); exclusive with the fraction.</param>
    /// <param name="krumSelect">How many updates Multi-Krum averages (<c>strategy.krum_select</c>; null: n − f).</param>
    /// <param name="normBound">The L2 bound of norm bounding (<c>strategy.norm_bound</c>; null: the round's median norm).</param>
    /// <param name="foolsGoldKappa">FoolsGold's confidence κ (<c>strategy.foolsgold_kappa</c>).</param>
    /// <param name="foolsGoldLayer">Which coordinates FoolsGold compares: <c>last</c> (the output layer) or <c>all</c> (<c>strategy.foolsgold_layer</c>).</param>
    public AggregatorConfig(
        AggregatorKind kind = ConfigDefaults.Aggregator,
        double trimBeta = ConfigDefaults.TrimBeta,
        double? byzantineFraction = null,
        int? byzantineCount = null,
        int? krumSelect = null,
        double? normBound = null,
        double foolsGoldKappa = ConfigDefaults.FoolsGoldKappa,
        string foolsGoldLayer = ConfigDefaults.FoolsGoldLayer)
    {
        ConfigTokens.ToToken(kind);
        ConfigKeys.StrategyTrimBeta.Check(trimBeta, nameof(trimBeta));
        ConfigKeys.StrategyByzantineFraction.Check(byzantineFraction, nameof(byzantineFraction));
        ConfigKeys.StrategyByzantineCount.Check(byzantineCount, nameof(byzantineCount));
        ConfigKeys.StrategyKrumSelect.Check(krumSelect, nameof(krumSelect));
        ConfigKeys.StrategyNormBound.Check(normBound, nameof(normBound));
        ConfigKeys.StrategyFoolsGoldKappa.Check(foolsGoldKappa, nameof(foolsGoldKappa));
        ConfigKeys.StrategyFoolsGoldLayer.CheckChoice(foolsGoldLayer, nameof(foolsGoldLayer));
        if (byzantineFraction is not null && byzantineCount is not null)
        {
            throw new ArgumentException($"{ConfigKeys.StrategyByzantineCount.Path}: {ClientsConfig.ExclusiveMessage(ConfigKeys.StrategyByzantineFraction)}", nameof(byzantineCount));
        }

        Kind = kind;
        TrimBeta = trimBeta;
        ByzantineFraction = byzantineFraction;
        ByzantineCount = byzantineCount;
        KrumSelect = krumSelect;
        NormBound = normBound;
        FoolsGoldKappa = foolsGoldKappa;
        FoolsGoldLayer = foolsGoldLayer;
    }

    /// <summary>The aggregation rule.</summary>
    public AggregatorKind Kind { get; }

    /// <summary>Fraction trimmed from each end by the trimmed mean.</summary>
    public double TrimBeta { get; }

    /// <summary>The assumed fraction of attackers among a round's updates, or null (see <see cref="ByzantineCount"/>).</summary>
    public double? ByzantineFraction { get; }

    /// <summary>The assumed number of attackers among a round's updates, or null to use <see cref="ByzantineFraction"/>.</summary>
    public int? ByzantineCount { get; }

    /// <summary>The fraction in force when no count is set: <see cref="ByzantineFraction"/>, or 0.2 by default.</summary>
    public double EffectiveByzantineFraction => ByzantineFraction ?? ConfigDefaults.ByzantineFraction;

    /// <summary>How many updates Multi-Krum averages, or null for n − f.</summary>
    public int? KrumSelect { get; }

    /// <summary>The L2 bound of norm bounding, or null for the round's median norm.</summary>
    public double? NormBound { get; }

    /// <summary>FoolsGold's confidence κ.</summary>
    public double FoolsGoldKappa { get; }

    /// <summary>Which coordinates FoolsGold compares: <c>last</c> or <c>all</c>.</summary>
    public string FoolsGoldLayer { get; }
}
