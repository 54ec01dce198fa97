namespace FedShield.Federation;

/// <summary>
/// Derives independent random seeds from one run seed, so that every random choice of a run is a
/// pure function of (run seed, purpose, client, round). Nothing depends on the order in which
/// workers pick up clients, so a run gives the same result whatever its parallelism, and a resumed
/// run needs no saved generator state.
/// </summary>
public static class SeedStreams
{
    /// <summary>Purpose tag of a client's local training in a round.</summary>
    public const int ClientFit = 1;

    /// <summary>Purpose tag of the server's client sampling in a round.</summary>
    public const int Sampling = 2;

    /// <summary>Purpose tag of model initialisation.</summary>
    public const int ModelInit = 3;

    /// <summary>Purpose tag of data partitioning.</summary>
    public const int Partitioning = 4;

    /// <summary>Purpose tag of client evaluation sampling.</summary>
    public const int EvaluationSampling = 5;

    /// <summary>Purpose tag of a poisoning attack's random choices (which clients are malicious, attack noise).</summary>
    public const int Attack = 6;

    /// <summary>
    /// A non-negative 31-bit seed for <see cref="Random(int)"/>, mixing the inputs with SplitMix64's
    /// finaliser: changing any input changes about half of the output bits.
    /// </summary>
    public static int Derive(long runSeed, int purpose, int client = 0, int round = 0)
    {
        var x = unchecked((ulong)runSeed);
        x = Mix(x ^ (0x9E3779B97F4A7C15UL * (ulong)(uint)purpose));
        x = Mix(x ^ (0xBF58476D1CE4E5B9UL * ((ulong)(uint)client + 1)));
        x = Mix(x ^ (0x94D049BB133111EBUL * ((ulong)(uint)round + 1)));
        return (int)(x >> 33);
    }

    /// <summary>A <see cref="Random"/> seeded with <see cref="Derive"/>.</summary>
    public static Random Create(long runSeed, int purpose, int client = 0, int round = 0) =>
        new(Derive(runSeed, purpose, client, round));

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
