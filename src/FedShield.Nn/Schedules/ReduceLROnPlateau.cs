using FedShield.Nn.Optim;

namespace FedShield.Nn.Schedules;

/// <summary>
/// Reduces the optimizer's learning rate by a factor when a watched metric stops improving, as
/// <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>: after more than <c>patience</c> consecutive
/// steps without a significant improvement over the best value, lr ← max(lr·factor, min_lr)
/// (skipped if the change is below eps), followed by <c>cooldown</c> steps in which bad steps are
/// not counted.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly Optimizer _optimizer;
    private int _cooldownCounter;

    /// <summary>Attaches the schedule to <paramref name="optimizer"/>.</summary>
    public ReduceLROnPlateau(Optimizer optimizer, ReduceLROnPlateauOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _optimizer = optimizer;
        Options = options ?? new ReduceLROnPlateauOptions();
        Best = Options.Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>The settings.</summary>
    public ReduceLROnPlateauOptions Options { get; }

    /// <summary>The best metric value seen (±∞ before the first step).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive steps without significant improvement.</summary>
    public int BadEpochs { get; private set; }

    /// <summary>The number of <see cref="Step"/> calls so far.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The optimizer's current learning rate.</summary>
    public double LearningRate => _optimizer.LearningRate;

    /// <summary>Records the metric of the epoch (or round) just finished and reduces the learning rate on a plateau. A NaN metric counts as no improvement.</summary>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric))
        {
            Best = metric;
            BadEpochs = 0;
        }
        else
        {
            BadEpochs++;
        }

        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            BadEpochs = 0;
        }

        if (BadEpochs > Options.Patience)
        {
            double old = _optimizer.LearningRate;
            double reduced = Math.Max(old * Options.Factor, Options.MinLearningRate);
            if (old - reduced > Options.Eps)
            {
                _optimizer.LearningRate = reduced;
            }

            _cooldownCounter = Options.Cooldown;
            BadEpochs = 0;
        }
    }

    private bool IsBetter(double metric) => (Options.Mode, Options.ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Relative) => metric < Best * (1 - Options.Threshold),
        (PlateauMode.Min, ThresholdMode.Absolute) => metric < Best - Options.Threshold,
        (PlateauMode.Max, ThresholdMode.Relative) => metric > Best * (1 + Options.Threshold),
        _ => metric > Best + Options.Threshold,
    };
}
