using FedShield.Experiments.Config;
using FedShield.Federation.Strategies;
using FedShield.Robust;

namespace FedShield.Experiments.Adversarial;

/// <summary>Builds the aggregator that <c>strategy.aggregator</c> names.</summary>
public static class AggregatorFactory
{
    /// <summary>The aggregator for <paramref name="config"/>.</summary>
    /// <param name="config">The aggregator section.</param>
    /// <param name="outputLayer">The coordinates of the model's output layer in the flat parameter vector (FoolsGold's <c>last</c>).</param>
    public static IAggregator Create(AggregatorConfig config, Range outputLayer)
    {
        ArgumentNullException.ThrowIfNull(config);
        var f = config.ByzantineCount is int count ? AssumedAttackers.Count(count) : AssumedAttackers.Fraction(config.EffectiveByzantineFraction);
        return config.Kind switch
        {
            AggregatorKind.Mean => new WeightedMeanAggregator(),
            AggregatorKind.Median => new MedianAggregator(),
            AggregatorKind.TrimmedMean => new TrimmedMeanAggregator(config.TrimBeta),
            AggregatorKind.Krum => new KrumAggregator(f),
            AggregatorKind.MultiKrum => new MultiKrumAggregator(f, config.KrumSelect),
            AggregatorKind.Bulyan => new BulyanAggregator(f),
            AggregatorKind.FoolsGold => new FoolsGoldAggregator(new FoolsGoldOptions
            {
                Kappa = config.FoolsGoldKappa,
                SimilarityRange = config.FoolsGoldLayer == "last" ? outputLayer : null,
            }),
            AggregatorKind.NormBounding => config.NormBound is double bound ? NormBoundingAggregator.WithBound(bound) : NormBoundingAggregator.ToMedianNorm(),
            AggregatorKind.GeometricMedian => new GeometricMedianAggregator(),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "unknown aggregator"),
        };
    }
}
