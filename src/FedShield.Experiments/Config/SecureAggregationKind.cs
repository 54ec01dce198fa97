namespace FedShield.Experiments.Config;

/// <summary>Whether and how updates are securely aggregated (<c>privacy.secure_aggregation</c>).</summary>
public enum SecureAggregationKind
{
    /// <summary><c>none</c>: clients send their updates in the clear.</summary>
    None,

    /// <summary><c>secagg</c>: Bonawitz et al. (CCS 2017), pairwise masks with every other client of the round.</summary>
    SecAgg,

    /// <summary><c>secagg+</c>: Bell et al. (CCS 2020), masks with the neighbours on a random k-regular graph.</summary>
    SecAggPlus,
}
