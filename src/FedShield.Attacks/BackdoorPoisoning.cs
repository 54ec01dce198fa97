using System.Globalization;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// A local data transform for a backdoor: it stamps <see cref="Trigger"/> on a random
/// <see cref="PoisonFraction"/> of the samples (of all samples, chosen among those not already of
/// the target class) and relabels them <see cref="TargetLabel"/>. The model trained on them learns
/// the main task and, in addition, to answer the target class whenever the trigger is present.
/// </summary>
public sealed class BackdoorPoisoning : ILocalDataTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="trigger">The pattern stamped on poisoned samples.</param>
    /// <param name="targetLabel">The class the backdoor leads to (≥ 0).</param>
    /// <param name="poisonFraction">The fraction of the samples to poison, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is negative or the fraction is not in (0, 1].</exception>
    public BackdoorPoisoning(PixelPatternTrigger trigger, int targetLabel, double poisonFraction)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentOutOfRangeException.ThrowIfNegative(targetLabel);
        if (!(poisonFraction > 0 && poisonFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(poisonFraction), poisonFraction, $"the poisoned fraction must lie in (0, 1]; got {poisonFraction}");
        }

        Trigger = trigger;
        TargetLabel = targetLabel;
        PoisonFraction = poisonFraction;
    }

    /// <summary>The pattern stamped on poisoned samples.</summary>
    public PixelPatternTrigger Trigger { get; }

    /// <summary>The class the backdoor leads to.</summary>
    public int TargetLabel { get; }

    /// <summary>The fraction of the samples poisoned.</summary>
    public double PoisonFraction { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"backdoor {Trigger.Name}->{TargetLabel} ({PoisonFraction:0.###})");

    /// <summary>
    /// Poisons round(<see cref="PoisonFraction"/> × count) samples (halves away from zero), or every
    /// sample not of the target class when there are fewer: a uniform choice among those, drawn from
    /// <paramref name="random"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The target class is outside the layout's classes, the samples are not image-shaped or smaller than the trigger, or the spans do not match the layout.</exception>
    public void Apply(Span<float> features, Span<int> labels, LocalDataLayout layout, Random random)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(random);
        if (TargetLabel >= layout.ClassCount)
        {
            throw new ArgumentException($"{Name}: class {TargetLabel} is outside the data's {layout.ClassCount} classes [0, {layout.ClassCount})", nameof(layout));
        }

        int size = layout.SampleSize;
        Trigger.Check(layout.SampleShape, size);
        if (labels.Length != layout.Count || features.Length != (long)layout.Count * size)
        {
            throw new ArgumentException($"{Name}: {labels.Length} labels and {features.Length} feature values for {layout.Count} samples of {size} values", nameof(layout));
        }

        var eligible = new List<int>(labels.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != TargetLabel)
            {
                eligible.Add(i);
            }
        }

        int count = Math.Min(eligible.Count, (int)Math.Round(PoisonFraction * layout.Count, MidpointRounding.AwayFromZero));

        // A partial Fisher–Yates shuffle: the first `count` eligible slots end up a uniform sample.
        for (int k = 0; k < count; k++)
        {
            int j = random.Next(k, eligible.Count);
            (eligible[k], eligible[j]) = (eligible[j], eligible[k]);
            int i = eligible[k];
            Trigger.Apply(features.Slice(i * size, size), layout.SampleShape);
            labels[i] = TargetLabel;
        }
    }
}
