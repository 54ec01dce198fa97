using FedShield.Privacy.Crypto;
using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

// Inputs of one EXCHANGE_FRAGMENTS between k and j, from a fixed seed: two updates of random floats (as
// bit patterns), the four pads r_k, ρ_k, r_j, ρ_j (from PRG seeds) and the shared mask m.
internal sealed class ExchangeScenario
{
    public ExchangeScenario(int seed, int length, int round = 3)
    {
        var rng = new Random(seed);
        WkFloats = RandomFloats(rng, length);
        WjFloats = RandomFloats(rng, length);
        Wk = FflMixing.Bits(WkFloats);
        Wj = FflMixing.Bits(WjFloats);
        Rk = FflMixing.Pad(Seed(rng), length);
        RhoK = FflMixing.Pad(Seed(rng), length);
        Rj = FflMixing.Pad(Seed(rng), length);
        RhoJ = FflMixing.Pad(Seed(rng), length);
        var secret = new byte[256];
        rng.NextBytes(secret);
        Mask = FflMixing.Mask(secret, round, [length]);
    }

    public float[] WkFloats { get; }

    public float[] WjFloats { get; }

    public uint[] Wk { get; }

    public uint[] Wj { get; }

    public uint[] Rk { get; }

    public uint[] RhoK { get; }

    public uint[] Rj { get; }

    public uint[] RhoJ { get; }

    public uint[] Mask { get; }

    public static byte[] Seed(Random rng)
    {
        var seed = new byte[Prg.SeedBytes];
        rng.NextBytes(seed);
        return seed;
    }

    // Finite floats of both signs over ten orders of magnitude, so sums exercise rounding.
    public static float[] RandomFloats(Random rng, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)(((2 * rng.NextDouble()) - 1) * Math.Pow(10, rng.Next(-6, 4)));
        }

        return values;
    }
}
