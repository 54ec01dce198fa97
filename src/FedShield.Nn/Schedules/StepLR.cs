using FedShield.Nn.Optim;

namespace FedShield.Nn.Schedules;

/// <summary>
/// Multiplies the optimizer's learning rate by γ every <see cref="StepSize"/> calls of
/// <see cref="Step"/>, as <c>torch.optim.lr_scheduler.StepLR</c>: after k steps the rate is
/// lr₀·γ^⌊k / StepSize⌋. A step may stand for an epoch or a federated round, as the caller decides.
/// </summary>
public sealed class StepLR
{
    private readonly Optimizer _optimizer;

    /// <summary>Attaches the schedule to <paramref name="optimizer"/>, whose current learning rate is the base rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step size is not positive or γ is not a positive finite number.</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(gamma > 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "StepLR: gamma must be positive and finite.");
        }

        _optimizer = optimizer;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The number of steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>The decay factor.</summary>
    public double Gamma { get; }

    /// <summary>The number of <see cref="Step"/> calls so far (PyTorch's <c>last_epoch</c>).</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The optimizer's current learning rate.</summary>
    public double LearningRate => _optimizer.LearningRate;

    /// <summary>Advances one epoch (or round) and decays the optimizer's learning rate when a period ends.</summary>
    public void Step()
    {
        LastEpoch++;
        if (LastEpoch % StepSize == 0)
        {
            _optimizer.LearningRate *= Gamma;
        }
    }
}
