using FedShield.Data.Partitions;

namespace FedShield.Data.Tests;

public class RandomDrawsTests
{
    private const int Draws = 50_000;

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(10.0)]
    public void NextGamma_MatchesTheMeanAndVarianceOfGammaShapeOne(double shape)
    {
        // Gamma(k, 1) has mean k and variance k. With 50,000 draws the relative standard error of the mean
        // is 1/√(50,000·k) (≤ 1.5 % at k = 0.1) and of the variance √((2 + 6/k) / 50,000) (≤ 3.6 %).
        var draws = new RandomDraws(new Random(11));
        var x = new double[Draws];
        for (int i = 0; i < Draws; i++)
        {
            x[i] = draws.NextGamma(shape);
        }

        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (Draws - 1);
        Assert.InRange(mean / shape, 0.94, 1.06);
        Assert.InRange(variance / shape, 0.85, 1.15);
        Assert.All(x, v => Assert.True(v >= 0));
    }

    [Fact]
    public void NextNormal_HasMeanZeroAndVarianceOne()
    {
        var draws = new RandomDraws(new Random(12));
        var x = Enumerable.Range(0, Draws).Select(_ => draws.NextNormal()).ToArray();
        double mean = x.Average();
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(x.Sum(v => (v - mean) * (v - mean)) / (Draws - 1), 0.97, 1.03);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.1)]
    [InlineData(100.0)]
    public void NextDirichlet_SumsToOneEvenForTinyAlpha(double alpha)
    {
        var draws = new RandomDraws(new Random(13));
        var p = new double[50];
        for (int t = 0; t < 100; t++)
        {
            draws.NextDirichlet(alpha, p);
            Assert.All(p, v => Assert.True(v is >= 0 and <= 1, $"component {v}"));
            Assert.Equal(1.0, p.Sum(), 1e-12);
        }
    }

    [Fact]
    public void NextDirichlet_ComponentMeansAreOneOverTheCount()
    {
        var draws = new RandomDraws(new Random(14));
        var p = new double[4];
        var sums = new double[4];
        for (int t = 0; t < 20_000; t++)
        {
            draws.NextDirichlet(0.5, p);
            for (int i = 0; i < 4; i++)
            {
                sums[i] += p[i];
            }
        }

        // Each component is Beta(0.5, 1.5): mean 0.25, standard deviation ≈ 0.31, so the mean of 20,000 draws
        // is 0.25 ± 0.0022.
        Assert.All(sums, s => Assert.InRange(s / 20_000, 0.24, 0.26));
    }

    [Fact]
    public void Shuffle_IsAPermutationAndReproducible()
    {
        var a = PartitionMath.Sequence(100);
        var b = PartitionMath.Sequence(100);
        new RandomDraws(new Random(5)).Shuffle(a);
        new RandomDraws(new Random(5)).Shuffle(b);
        Assert.Equal(a, b);
        Assert.NotEqual(PartitionMath.Sequence(100), a);
        Assert.Equal(PartitionMath.Sequence(100), a.Order());
    }
}
