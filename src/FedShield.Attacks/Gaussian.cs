namespace FedShield.Attacks;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box–Muller, both outputs used).</summary>
internal static class Gaussian
{
    /// <summary>Adds σ·N(0, 1) to every value, drawing in order from <paramref name="random"/>.</summary>
    public static void AddNoise(Span<float> values, double sigma, Random random)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            // 1 − U lies in (0, 1], so the logarithm is finite.
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            double angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(values[i] + (sigma * radius * Math.Cos(angle)));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(values[i + 1] + (sigma * radius * Math.Sin(angle)));
            }
        }
    }
}
