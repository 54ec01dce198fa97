namespace FedShield.Nn.Schedules;

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a metric improved significantly.</summary>
public enum ThresholdMode
{
    /// <summary>Better than best·(1 − threshold) in min mode, best·(1 + threshold) in max mode.</summary>
    Relative,

    /// <summary>Better than best − threshold in min mode, best + threshold in max mode.</summary>
    Absolute,
}
