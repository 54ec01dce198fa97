namespace FedShield.Privacy.SecureAggregation;

/// <summary>Which secure-aggregation protocol runs.</summary>
public enum SecureAggregationVariant
{
    /// <summary>
    /// Bonawitz et al. (CCS 2017): every client shares keys and masks with every other client of the
    /// round, so each client's cost grows linearly with the number of clients n.
    /// </summary>
    SecAgg,

    /// <summary>
    /// SecAgg+ (Bell et al., CCS 2020): clients share keys and mask only with their k neighbours on a
    /// random k-regular graph drawn by the server, so each client's cost grows with k = O(log n).
    /// </summary>
    SecAggPlus,
}
