using System.Globalization;

namespace FedShield.Federation.Rounds;

/// <summary>Stops once the global test accuracy reaches a target.</summary>
public sealed class TargetAccuracy : IStoppingRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="target">Accuracy in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is outside (0, 1].</exception>
    public TargetAccuracy(double target)
    {
        if (!(target > 0 && target <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "the target accuracy must be in (0, 1]");
        }

        Target = target;
    }

    /// <summary>The target accuracy.</summary>
    public double Target { get; }

    /// <inheritdoc/>
    public string? ShouldStop(RoundRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Evaluation is { } e && e.Accuracy >= Target
            ? string.Create(CultureInfo.InvariantCulture, $"test accuracy {e.Accuracy:P2} reached the target {Target:P2}")
            : null;
    }
}
