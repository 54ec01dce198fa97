using FedShield.Privacy.Crypto;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

public class ShareNoiseTests
{
    [Theory]
    [InlineData(0.5, 0.01, 25)]
    [InlineData(0.3, 0.01, 9)]
    [InlineData(0.35, 0.01, 13)]
    [InlineData(0.05, 0.01, 1)]
    [InlineData(1e-6, 0.01, 1)]
    [InlineData(0.0, 0.01, 0)]
    public void ShareVariances_AreCeilOfTheRatio_AndSumExactlyToSigmaKSquared(double sigma, double unit, long expected)
    {
        var v = ShareNoise.ShareCount(sigma, unit);
        Assert.Equal(expected, v);
        double total = 0;
        for (long i = 0; i < v; i++)
        {
            var std = ShareNoise.ShareStd(i, v, sigma, unit);
            Assert.InRange(std, 1e-12, Math.Sqrt(unit) * (1 + 1e-6));
            total += std * std;
        }

        Assert.Equal(sigma * sigma, total, 12);
    }

    [Fact]
    public void SenderAndRecipientExpansions_CancelExactly()
    {
        var seed = Prg.NewSeed();
        var sum = new double[10_007];
        var scratch = new double[ShareNoise.ChunkLength];
        ShareNoise.Accumulate(seed, 0.1, 1, sum, scratch);
        Assert.Contains(sum, x => x != 0);
        ShareNoise.Accumulate(seed, 0.1, -1, sum, scratch);
        Assert.All(sum, x => Assert.Equal(0, x));
        Assert.All(scratch, x => Assert.Equal(0, x));
    }

    [Fact]
    public void Expansion_DoesNotDependOnTheScratchLength()
    {
        var seed = Prg.NewSeed();
        var reference = new double[9000];
        ShareNoise.Accumulate(seed, 0.1, 1, reference, new double[ShareNoise.ChunkLength]);
        foreach (var chunk in new[] { 1, 7, 4095, 9000 })
        {
            var other = new double[9000];
            ShareNoise.Accumulate(seed, 0.1, 1, other, new double[chunk]);
            Assert.Equal(reference, other);
        }
    }

    [Fact]
    public void Expansion_HasTheShareVariance()
    {
        // 40000 draws: the sample variance's relative sd is sqrt(2/40000) ≈ 0.7%.
        var sum = new double[40_000];
        ShareNoise.Accumulate(Prg.NewSeed(), 0.1, 1, sum, new double[ShareNoise.ChunkLength]);
        var mean = sum.Average();
        var variance = sum.Sum(x => x * x) / sum.Length;
        Assert.InRange(mean, -0.1 * 5 / 200, 0.1 * 5 / 200);
        Assert.InRange(variance, 0.01 * 0.965, 0.01 * 1.035);
    }
}
