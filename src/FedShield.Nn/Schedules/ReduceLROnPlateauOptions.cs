namespace FedShield.Nn.Schedules;

/// <summary>Settings of <see cref="ReduceLROnPlateau"/>, with PyTorch's defaults, validated on construction.</summary>
public sealed record ReduceLROnPlateauOptions
{
    /// <summary>Creates and validates the settings.</summary>
    /// <param name="mode">Whether the metric should fall (loss) or rise (accuracy).</param>
    /// <param name="factor">The multiplier applied to the learning rate on a plateau, in [0, 1).</param>
    /// <param name="patience">Non-improving steps tolerated before reducing, ≥ 0.</param>
    /// <param name="threshold">Minimum significant improvement (relative or absolute), ≥ 0.</param>
    /// <param name="thresholdMode">How <paramref name="threshold"/> is applied.</param>
    /// <param name="cooldown">Steps after a reduction during which bad steps are not counted, ≥ 0.</param>
    /// <param name="minLearningRate">A floor on the learning rate, ≥ 0.</param>
    /// <param name="eps">Reductions smaller than this are skipped, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range or is not finite.</exception>
    public ReduceLROnPlateauOptions(
        PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Relative, int cooldown = 0, double minLearningRate = 0, double eps = 1e-8)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "ReduceLROnPlateauOptions: unknown mode.");
        }

        if (!Enum.IsDefined(thresholdMode))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, "ReduceLROnPlateauOptions: unknown threshold mode.");
        }

        if (!(factor >= 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateauOptions: factor must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "ReduceLROnPlateauOptions: threshold must be finite and ≥ 0.");
        }

        if (!(minLearningRate >= 0) || !double.IsFinite(minLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "ReduceLROnPlateauOptions: the minimum learning rate must be finite and ≥ 0.");
        }

        if (!(eps >= 0) || !double.IsFinite(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "ReduceLROnPlateauOptions: eps must be finite and ≥ 0.");
        }

        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
        Eps = eps;
    }

    /// <summary>Whether the metric should fall or rise.</summary>
    public PlateauMode Mode { get; }

    /// <summary>The learning-rate multiplier on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Non-improving steps tolerated before reducing.</summary>
    public int Patience { get; }

    /// <summary>Minimum significant improvement.</summary>
    public double Threshold { get; }

    /// <summary>How the threshold is applied.</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Steps after a reduction during which bad steps are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The learning-rate floor.</summary>
    public double MinLearningRate { get; }

    /// <summary>The smallest reduction applied.</summary>
    public double Eps { get; }
}
