using FedShield.Nn.Optim;

namespace FedShield.Nn.Schedules;

/// <summary>
/// Multiplies the optimizer's learning rate by γ at every <see cref="Step"/>, as
/// <c>torch.optim.lr_scheduler.ExponentialLR</c>: after k steps the rate is lr₀·γᵏ.
/// </summary>
public sealed class ExponentialLR
{
    private readonly Optimizer _optimizer;

    /// <summary>Attaches the schedule to <paramref name="optimizer"/>, whose current learning rate is the base rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">γ is not a positive finite number.</exception>
    public ExponentialLR(Optimizer optimizer, double gamma)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(gamma > 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "ExponentialLR: gamma must be positive and finite.");
        }

        _optimizer = optimizer;
        Gamma = gamma;
    }

    /// <summary>The decay factor per step.</summary>
    public double Gamma { get; }

    /// <summary>The number of <see cref="Step"/> calls so far.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The optimizer's current learning rate.</summary>
    public double LearningRate => _optimizer.LearningRate;

    /// <summary>Advances one epoch (or round) and decays the optimizer's learning rate.</summary>
    public void Step()
    {
        LastEpoch++;
        _optimizer.LearningRate *= Gamma;
    }
}
