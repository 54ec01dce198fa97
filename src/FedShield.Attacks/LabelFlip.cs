using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// A local data transform that relabels every sample of class <see cref="Source"/> as
/// <see cref="Target"/> and leaves every other sample and every feature unchanged (the
/// label-flipping attacker of the FFL paper flips MNIST's 7 to 1, CIFAR-10's cat to dog).
/// </summary>
public sealed class LabelFlip : ILocalDataTransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="source">The class whose samples are relabelled (≥ 0).</param>
    /// <param name="target">The label they get (≥ 0, not <paramref name="source"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A class is negative.</exception>
    /// <exception cref="ArgumentException">The two classes are the same.</exception>
    public LabelFlip(int source, int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        if (source == target)
        {
            throw new ArgumentException($"a label flip needs two different classes; both are {source}", nameof(target));
        }

        Source = source;
        Target = target;
    }

    /// <summary>The class whose samples are relabelled.</summary>
    public int Source { get; }

    /// <summary>The label they get.</summary>
    public int Target { get; }

    /// <inheritdoc />
    public string Name => $"label-flip {Source}->{Target}";

    /// <summary>Relabels every sample of class <see cref="Source"/> as <see cref="Target"/>; draws nothing from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">A class is outside the layout's [0, ClassCount), or the label count is not the layout's.</exception>
    public void Apply(Span<float> features, Span<int> labels, LocalDataLayout layout, Random random)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (int c in (ReadOnlySpan<int>)[Source, Target])
        {
            if (c >= layout.ClassCount)
            {
                throw new ArgumentException($"{Name}: class {c} is outside the data's {layout.ClassCount} classes [0, {layout.ClassCount})", nameof(layout));
            }
        }

        if (labels.Length != layout.Count)
        {
            throw new ArgumentException($"{Name}: {labels.Length} labels for {layout.Count} samples", nameof(labels));
        }

        foreach (ref int label in labels)
        {
            if (label == Source)
            {
                label = Target;
            }
        }
    }
}
