namespace FedShield.Robust;

/// <summary>Settings of <see cref="GeometricMedianAggregator"/>; each property validates its value when set.</summary>
public sealed record GeometricMedianOptions
{
    /// <summary>The most Weiszfeld steps per round (at least 1). Default 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxIterations
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "Expected at least one iteration.");
    } = 100;

    /// <summary>
    /// The iteration stops once a step lowers the objective Σ α_k ‖z − w_k‖ by less than this fraction
    /// of its new value (non-negative, finite). Default 1e-6.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double Tolerance
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Tolerance), value, "Expected a non-negative, finite relative tolerance.");
    } = 1e-6;

    /// <summary>
    /// The smoothing ν of the Weiszfeld weights α_k / max(ν, ‖z − w_k‖), in the units of the update
    /// vectors (positive, finite): it keeps the step defined when z lands on an update. Default 1e-6.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double Smoothing
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Smoothing), value, "Expected a positive, finite smoothing distance.");
    } = 1e-6;
}
