namespace FedShield.Data.Vision;

/// <summary>
/// Per-channel normalisation applied after scaling pixels to [0, 1]: <c>x = (pixel / 255 − mean[c]) / std[c]</c>.
/// </summary>
public sealed record ImageNormalization
{
    /// <summary>Creates a normalisation with one mean and one standard deviation per channel.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or a std is not positive.</exception>
    public ImageNormalization(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"ImageNormalization: {mean.Count} means and {std.Count} stds; expected one of each per channel.", nameof(std));
        }

        if (std.Any(s => !(s > 0) || !float.IsFinite(s)) || mean.Any(m => !float.IsFinite(m)))
        {
            throw new ArgumentException($"ImageNormalization: stds must be positive and finite and means finite; got mean [{string.Join(", ", mean)}], std [{string.Join(", ", std)}].", nameof(std));
        }

        Mean = [.. mean];
        Std = [.. std];
    }

    /// <summary>Mean per channel, in [0, 1] units.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Standard deviation per channel, in [0, 1] units.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>No normalisation: pixels scaled to [0, 1] only.</summary>
    public static ImageNormalization None { get; } = new([0f], [1f]);

    /// <summary>MNIST's customary statistics: mean 0.1307, std 0.3081.</summary>
    public static ImageNormalization Mnist { get; } = new([0.1307f], [0.3081f]);

    /// <summary>Fashion-MNIST's training-set statistics: mean 0.2860, std 0.3530.</summary>
    public static ImageNormalization FashionMnist { get; } = new([0.2860f], [0.3530f]);

    /// <summary>CIFAR-10's training-set per-channel statistics (R, G, B): mean (0.4914, 0.4822, 0.4465), std (0.2470, 0.2435, 0.2616).</summary>
    public static ImageNormalization Cifar10 { get; } = new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>The statistics for channel <paramref name="channel"/>; a single-channel normalisation applies to every channel.</summary>
    internal (float Mean, float Std) ForChannel(int channel) => Mean.Count == 1 ? (Mean[0], Std[0]) : (Mean[channel], Std[channel]);

    /// <summary>Writes the normalised values of <paramref name="pixels"/> (one channel) into <paramref name="destination"/>.</summary>
    internal static void Apply(ReadOnlySpan<byte> pixels, Span<float> destination, float mean, float std)
    {
        // x = p · (1 / (255·std)) + (−mean / std); ConvertChecked widens bytes to floats exactly.
        System.Numerics.Tensors.TensorPrimitives.ConvertChecked(pixels, destination);
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination, 1f / (255f * std), destination);
        System.Numerics.Tensors.TensorPrimitives.Add(destination, -mean / std, destination);
    }
}
