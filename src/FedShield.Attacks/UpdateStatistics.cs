namespace FedShield.Attacks;

/// <summary>Coordinate-wise statistics of a set of update vectors, in double precision and in list order (so every colluder gets the same bits).</summary>
internal static class UpdateStatistics
{
    /// <summary>The coordinate-wise mean of <paramref name="updates"/> (at least one, all of length <paramref name="length"/>).</summary>
    public static double[] Mean(IReadOnlyList<ReadOnlyMemory<float>> updates, int length)
    {
        var mean = new double[length];
        foreach (var update in updates)
        {
            var values = update.Span[..length];
            for (int i = 0; i < length; i++)
            {
                mean[i] += values[i];
            }
        }

        for (int i = 0; i < length; i++)
        {
            mean[i] /= updates.Count;
        }

        return mean;
    }

    /// <summary>The coordinate-wise sample standard deviation around <paramref name="mean"/> (divisor count − 1; zero for one update).</summary>
    public static double[] StandardDeviation(IReadOnlyList<ReadOnlyMemory<float>> updates, double[] mean)
    {
        var std = new double[mean.Length];
        if (updates.Count < 2)
        {
            return std;
        }

        foreach (var update in updates)
        {
            var values = update.Span[..mean.Length];
            for (int i = 0; i < std.Length; i++)
            {
                double d = values[i] - mean[i];
                std[i] += d * d;
            }
        }

        for (int i = 0; i < std.Length; i++)
        {
            std[i] = Math.Sqrt(std[i] / (updates.Count - 1));
        }

        return std;
    }
}
