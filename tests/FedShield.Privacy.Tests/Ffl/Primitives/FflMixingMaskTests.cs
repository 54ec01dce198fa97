using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

public class FflMixingMaskTests
{
    private static readonly int[] Layers = [100, 37, 250];

    [Fact]
    public void Mask_SameSecretRoundAndLayers_IsDeterministic()
    {
        var secret = Secret(42);

        Assert.Equal(FflMixing.Mask(secret, 3, Layers), FflMixing.Mask((byte[])secret.Clone(), 3, [100, 37, 250]));
    }

    [Fact]
    public void Mask_DifferentRound_DiffersInAboutHalfThePositions()
    {
        var secret = Secret(42);

        var differing = CountDiffering(FflMixing.Mask(secret, 3, Layers), FflMixing.Mask(secret, 4, Layers));

        // 387 positions, each differing with probability 1/2: 193.5 ± 9.8.
        Assert.InRange(differing, 140, 250);
    }

    [Fact]
    public void Mask_SecretWithOneBitFlipped_DiffersInAboutHalfThePositions()
    {
        var secret = Secret(42);
        var other = (byte[])secret.Clone();
        other[17] ^= 0x04;

        var differing = CountDiffering(FflMixing.Mask(secret, 3, Layers), FflMixing.Mask(other, 3, Layers));

        Assert.InRange(differing, 140, 250);
    }

    [Fact]
    public void Mask_ThreeLayers_HasOneFullWordPerParameter()
    {
        var mask = FflMixing.Mask(Secret(42), 3, Layers);

        Assert.Equal(387, mask.Length);
        Assert.All(mask, word => Assert.True(word is 0u or uint.MaxValue, $"mask word 0x{word:X8}"));
        Assert.Contains(0u, mask);
        Assert.Contains(uint.MaxValue, mask);
    }

    [Fact]
    public void Mask_TwoLayersOfEqualSize_HalvesDiffer()
    {
        const int n = 256;

        var mask = FflMixing.Mask(Secret(42), 3, [n, n]);

        Assert.Equal(2 * n, mask.Length);
        var differing = CountDiffering(mask.AsSpan(0, n).ToArray(), mask.AsSpan(n, n).ToArray());
        Assert.InRange(differing, 80, 176); // 128 ± 8 expected for independent halves
    }

    [Fact]
    public void Mask_200000Parameters_HasHalfOnesWithinFiveSigma()
    {
        // Proposition 2: each bit of m is 1 with probability 1/2, so a given set of u coordinates of k's
        // update survives in (W_k)_mix with probability 2^-u.
        const int n = 200_000;

        var mask = FflMixing.Mask(Secret(7), 1, [n]);

        var ones = mask.Count(word => word == uint.MaxValue);
        var fraction = ones / (double)n;
        var tolerance = 5 * Math.Sqrt(0.25 / n);
        Assert.InRange(fraction, 0.5 - tolerance, 0.5 + tolerance);
        Assert.Equal(n, ones + mask.Count(word => word == 0));
    }

    private static byte[] Secret(int seed)
    {
        var secret = new byte[256];
        new Random(seed).NextBytes(secret);
        return secret;
    }

    private static int CountDiffering(uint[] a, uint[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            count += a[i] != b[i] ? 1 : 0;
        }

        return count;
    }
}
