namespace FedShield.Nn;

/// <summary>
/// Weight initialisers with PyTorch's default distributions, drawing from an explicit seeded
/// <see cref="Random"/> so that a model built twice from the same seed is identical.
/// </summary>
public static class Init
{
    /// <summary>
    /// PyTorch's default slope parameter for <c>kaiming_uniform_</c> in <c>Linear</c> and <c>Conv2d</c>:
    /// a = √5, giving the bound 1/√fan_in.
    /// </summary>
    public static readonly double DefaultKaimingA = Math.Sqrt(5.0);

    /// <summary>Fills <paramref name="values"/> with independent samples of U[<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <exception cref="ArgumentException">low &gt; high or either bound is not finite.</exception>
    public static void Uniform(Span<float> values, double low, double high, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
        {
            throw new ArgumentException($"Init.Uniform: bounds [{low}, {high}) are not a finite interval.");
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(low + ((high - low) * random.NextDouble()));
        }
    }

    /// <summary>Fills <paramref name="values"/> with independent N(<paramref name="mean"/>, <paramref name="std"/>²) samples (Box–Muller).</summary>
    /// <exception cref="ArgumentException">std is negative or a parameter is not finite.</exception>
    public static void Normal(Span<float> values, double mean, double std, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(mean) || !double.IsFinite(std) || std < 0)
        {
            throw new ArgumentException($"Init.Normal: mean {mean} and standard deviation {std} must be finite, the deviation non-negative.");
        }

        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = (float)(mean + (std * r * Math.Cos(2 * Math.PI * u2)));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(mean + (std * r * Math.Sin(2 * Math.PI * u2)));
            }
        }
    }

    /// <summary>The bound b of <see cref="KaimingUniform"/>: √(6 / ((1 + a²)·fan_in)); 1/√fan_in for a = √5.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is not positive.</exception>
    public static double KaimingUniformBound(int fanIn, double a)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        return Math.Sqrt(6.0 / ((1 + (a * a)) * fanIn));
    }

    /// <summary>
    /// He/Kaiming uniform initialisation for a leaky-ReLU slope <paramref name="a"/> (PyTorch's
    /// <c>kaiming_uniform_</c> with fan-in mode): U(−b, b), b = √(6 / ((1 + a²)·fan_in)).
    /// </summary>
    public static void KaimingUniform(Span<float> values, int fanIn, double a, Random random)
    {
        double bound = KaimingUniformBound(fanIn, a);
        Uniform(values, -bound, bound, random);
    }

    /// <summary>
    /// PyTorch's default initialisation of a linear or convolution layer: the weight by
    /// <see cref="KaimingUniform"/> with a = √5 and the bias (if any) from U(−1/√fan_in, 1/√fan_in).
    /// </summary>
    public static void DefaultLayer(Span<float> weight, Span<float> bias, int fanIn, Random random)
    {
        KaimingUniform(weight, fanIn, DefaultKaimingA, random);
        double bound = 1.0 / Math.Sqrt(fanIn);
        Uniform(bias, -bound, bound, random);
    }
}
