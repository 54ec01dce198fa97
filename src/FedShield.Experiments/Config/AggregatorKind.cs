namespace FedShield.Experiments.Config;

/// <summary>How the server combines a round's updates (<c>strategy.aggregator</c>).</summary>
public enum AggregatorKind
{
    /// <summary>Sample-count-weighted mean (FedAvg's aggregation).</summary>
    Mean,

    /// <summary>Coordinate-wise median.</summary>
    Median,

    /// <summary>Coordinate-wise trimmed mean (<c>strategy.trim_beta</c> trimmed from each end).</summary>
    TrimmedMean,

    /// <summary>Krum: the one update closest to its neighbours.</summary>
    Krum,

    /// <summary>Multi-Krum: the mean of the <c>strategy.krum_select</c> best Krum scores.</summary>
    MultiKrum,

    /// <summary>Bulyan: Krum selection, then a trimmed mean around the median.</summary>
    Bulyan,

    /// <summary>FoolsGold: down-weights clients whose update histories look alike.</summary>
    FoolsGold,

    /// <summary>Weighted mean of updates clipped to an L2 bound (or the round's median norm).</summary>
    NormBounding,

    /// <summary>Geometric median by smoothed Weiszfeld iterations (RFA).</summary>
    GeometricMedian,
}
