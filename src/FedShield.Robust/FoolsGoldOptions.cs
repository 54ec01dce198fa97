namespace FedShield.Robust;

/// <summary>Settings of <see cref="FoolsGoldAggregator"/>; each property validates its value when set.</summary>
public sealed record FoolsGoldOptions
{
    /// <summary>
    /// The confidence κ of the logit weighting α ← κ (ln(α / (1 − α)) + 0.5): larger values push weights
    /// towards 0 or 1 (positive, finite). Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double Kappa
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Kappa), value, "Expected a positive, finite confidence κ.");
    } = 1.0;

    /// <summary>
    /// The coordinates whose similarity is compared, e.g. the output layer's weights (comparing only the
    /// last layer keeps the signal that separates sybils and the history small); null compares all
    /// coordinates. Checked against the update length at each round. Default null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Both ends count from the start and the end precedes the start.</exception>
    public Range? SimilarityRange
    {
        get;
        init => field = value is { Start.IsFromEnd: false, End.IsFromEnd: false } r && r.End.Value < r.Start.Value
            ? throw new ArgumentOutOfRangeException(nameof(SimilarityRange), value, "Expected a range whose end is not before its start.")
            : value;
    }

    /// <summary>
    /// Whether clients are compared by the sum of all their updates so far (as in FoolsGold) rather than
    /// by this round's update alone. Default true.
    /// </summary>
    public bool UseHistory { get; init; } = true;
}
