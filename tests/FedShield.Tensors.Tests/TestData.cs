namespace FedShield.Tensors.Tests;

/// <summary>Seeded random tensors and arrays for the tests.</summary>
internal static class TestData
{
    public static Tensor Uniform(int seed, params int[] shape) => Tensor.Uniform(new Random(seed), -1f, 1f, shape);

    public static float[] Array(int seed, int length)
    {
        var rng = new Random(seed);
        var a = new float[length];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return a;
    }

    /// <summary>A tensor whose elements are a shuffled, well-separated sequence, so max-pooling has no ties.</summary>
    public static Tensor Distinct(int seed, params int[] shape)
    {
        int count = ShapeUtil.Count(shape);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (i - (count / 2f)) * (2f / Math.Max(count, 1));
        }

        new Random(seed).Shuffle(values);
        return Tensor.FromArray(values, shape);
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float err = MathF.Abs(expected[i] - actual[i]);
            Assert.True(err <= tolerance * (1f + MathF.Abs(expected[i])), $"{what}: element {i}: expected {expected[i]:G9}, got {actual[i]:G9}");
        }
    }
}
