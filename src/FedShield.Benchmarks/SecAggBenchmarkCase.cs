using FedShield.Privacy.SecureAggregation;

namespace FedShield.Benchmarks;

/// <summary>What one secure-aggregation round cost: its settings, its estimate and, unless skipped, its measurements.</summary>
/// <param name="Variant">SecAgg or SecAgg+.</param>
/// <param name="N">Clients selected.</param>
/// <param name="D">Update length.</param>
/// <param name="Dropout">The fraction of clients asked to drop at the masked-input stage.</param>
/// <param name="Dropped">⌊dropout·n⌋, the clients that drop.</param>
/// <param name="Estimate">The predicted cost the skip decision used.</param>
/// <param name="SkipReason">Why the case did not run; null when it ran.</param>
/// <param name="Measured">The round's measurements; null when skipped.</param>
/// <param name="LoadAverage">The machine's 1-minute load average when the case started (other work competing for the cores); NaN when unknown.</param>
public sealed record SecAggBenchmarkCase(
    SecureAggregationVariant Variant,
    int N,
    int D,
    double Dropout,
    int Dropped,
    SecAggEstimate Estimate,
    string? SkipReason,
    SecAggMeasurement? Measured,
    double LoadAverage = double.NaN)
{
    /// <summary>The variant's protocol name: <c>secagg</c> or <c>secagg+</c>.</summary>
    public string VariantName => Variant == SecureAggregationVariant.SecAggPlus ? SecureAggregationProtocol.SecAggPlusName : SecureAggregationProtocol.SecAggName;

    /// <summary>Whether the case was skipped.</summary>
    public bool Skipped => Measured is null;
}
