namespace FedShield.Data.Partitions;

/// <summary>Independent <see cref="Random"/> streams derived from one root seed, so that each use has its own.</summary>
internal static class SeedStreams
{
    /// <summary>The stream that assigns samples to clients.</summary>
    public const int Assignment = 1;

    /// <summary>The streams (one per client) that choose validation samples.</summary>
    public const int Validation = 2;

    /// <summary>A generator seeded from (<paramref name="seed"/>, <paramref name="stream"/>, <paramref name="index"/>) through SplitMix64 mixing.</summary>
    public static Random Create(int seed, int stream, int index)
    {
        ulong z = Mix((uint)seed);
        z = Mix(z ^ (uint)stream);
        z = Mix(z ^ (uint)index);
        return new Random((int)(z >> 33));
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
