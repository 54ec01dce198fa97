using System.Globalization;

namespace FedShield.Attacks;

/// <summary>
/// A backdoor trigger: a small checkerboard stamped into the bottom-right corner of every channel of
/// an image. Cell (i, j) of the <see cref="Size"/> × <see cref="Size"/> square (i down, j right,
/// from its top-left cell) is set to the high value when i + j is even and to the low value
/// otherwise, so a 3 × 3 trigger lights the four corners and the centre. <see cref="Apply"/> is a
/// pure function of the sample: the attack stamps training samples with it, and an evaluation
/// stamps test samples with the same instance to measure the backdoor's success.
/// </summary>
/// <remarks>
/// By default the high and low values are the channel's own maximum and minimum in that sample
/// (taken before stamping), so the pattern is the brightest and darkest the image allows whatever
/// the pixel scaling or per-channel normalisation of the data set; a channel of one constant value
/// then shows no pattern. Give explicit values (for data scaled to [0, 1]: high 1, low 0) for a
/// trigger identical in every sample.
/// </remarks>
public sealed class PixelPatternTrigger
{
    /// <summary>Creates the trigger.</summary>
    /// <param name="size">The side of the square in pixels (≥ 1).</param>
    /// <param name="high">The value of the lit cells; null for each channel's maximum in the sample.</param>
    /// <param name="low">The value of the dark cells; null for each channel's minimum in the sample.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1 or a value is not finite.</exception>
    public PixelPatternTrigger(int size = 3, float? high = null, float? low = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (high is { } h && !float.IsFinite(h))
        {
            throw new ArgumentOutOfRangeException(nameof(high), h, "the trigger's high value must be finite");
        }

        if (low is { } l && !float.IsFinite(l))
        {
            throw new ArgumentOutOfRangeException(nameof(low), l, "the trigger's low value must be finite");
        }

        Size = size;
        High = high;
        Low = low;
    }

    /// <summary>The side of the square in pixels.</summary>
    public int Size { get; }

    /// <summary>The value of the lit cells, or null for each channel's maximum.</summary>
    public float? High { get; }

    /// <summary>The value of the dark cells, or null for each channel's minimum.</summary>
    public float? Low { get; }

    /// <summary>A short name for reports ("checker 3x3").</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"checker {Size}x{Size}");

    /// <summary>
    /// Stamps the trigger into <paramref name="sample"/> in place. The last two dimensions of
    /// <paramref name="sampleShape"/> are the image's height and width; the leading ones (the
    /// channels) each get the pattern.
    /// </summary>
    /// <param name="sample">One sample, row-major, <c>prod(sampleShape)</c> values.</param>
    /// <param name="sampleShape">Its shape: (height, width), (channels, height, width), ….</param>
    /// <exception cref="ArgumentException">The shape is not an image's (rank below 2), the sample's length is not the shape's, or the image is smaller than the trigger.</exception>
    public void Apply(Span<float> sample, IReadOnlyList<int> sampleShape)
    {
        var (planes, height, width) = Check(sampleShape, sample.Length);
        int area = height * width;
        for (int c = 0; c < planes; c++)
        {
            var plane = sample.Slice(c * area, area);
            float high = High ?? Max(plane);
            float low = Low ?? Min(plane);
            for (int i = 0; i < Size; i++)
            {
                int row = height - Size + i;
                for (int j = 0; j < Size; j++)
                {
                    plane[(row * width) + (width - Size + j)] = (i + j) % 2 == 0 ? high : low;
                }
            }
        }
    }

    /// <summary>Checks that samples of <paramref name="sampleShape"/> can carry the trigger; gives (planes, height, width).</summary>
    /// <exception cref="ArgumentException">As <see cref="Apply"/>.</exception>
    internal (int Planes, int Height, int Width) Check(IReadOnlyList<int> sampleShape, int length)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        string shape = $"[{string.Join(", ", sampleShape)}]";
        if (sampleShape.Count < 2)
        {
            throw new ArgumentException($"a pixel-pattern trigger needs image-shaped samples (rank ≥ 2, such as [1, 28, 28]); got shape {shape}", nameof(sampleShape));
        }

        long size = 1;
        foreach (int d in sampleShape)
        {
            if (d <= 0)
            {
                throw new ArgumentException($"sample shape {shape} has a dimension that is not positive", nameof(sampleShape));
            }

            size *= d;
        }

        if (size != length)
        {
            throw new ArgumentException($"a sample of shape {shape} has {size} values; got {length}", nameof(sampleShape));
        }

        int height = sampleShape[^2];
        int width = sampleShape[^1];
        if (Size > height || Size > width)
        {
            throw new ArgumentException($"a {Size}x{Size} trigger does not fit in {height}x{width} images", nameof(sampleShape));
        }

        return ((int)(size / ((long)height * width)), height, width);
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        float max = values[0];
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static float Min(ReadOnlySpan<float> values)
    {
        float min = values[0];
        foreach (float v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }
}
