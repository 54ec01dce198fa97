using FedShield.Federation.Strategies;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Federation.Tests.Strategies;

public class UniformSamplerTests
{
    private static readonly int[] Hundred = [.. Enumerable.Range(0, 100)];

    [Fact]
    public void Sample_Fraction_TakesFloorOfFractionTimesAvailable()
    {
        var chosen = UniformSampler.WithFraction(0.5).Sample(Hundred, 1, new Random(1));
        Assert.Equal(50, chosen.Count);
        Assert.Equal(50, chosen.Distinct().Count());
        Assert.Equal(chosen.Order(), chosen);
    }

    [Fact]
    public void Sample_SmallFraction_RespectsMinimum()
    {
        Assert.Equal(3, UniformSampler.WithFraction(0.01, minimum: 3).Sample(Hundred, 1, new Random(1)).Count);
    }

    [Fact]
    public void Sample_SameRandomSeed_SameClients()
    {
        var a = UniformSampler.WithCount(10).Sample(Hundred, 1, new Random(7));
        var b = UniformSampler.WithCount(10).Sample(Hundred, 1, new Random(7));
        var c = UniformSampler.WithCount(10).Sample(Hundred, 1, new Random(8));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Sample_TooFewAvailable_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => UniformSampler.WithCount(5).Sample([1, 2, 3], 4, new Random(1)));
        Assert.Contains("5 clients are needed but only 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithFraction_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformSampler.WithFraction(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformSampler.WithFraction(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => UniformSampler.WithCount(0));
    }

    [Fact]
    public void Sample_EveryClientEquallyLikely()
    {
        var counts = new int[10];
        var random = new Random(3);
        for (var t = 0; t < 20_000; t++)
        {
            foreach (var c in UniformSampler.WithCount(3).Sample([.. Enumerable.Range(0, 10)], 1, random))
            {
                counts[c]++;
            }
        }

        // Expected 6,000 each; the standard deviation is about 65.
        Assert.All(counts, c => Assert.InRange(c, 5_700, 6_300));
    }

    [Fact]
    public void Sample_Property_SubsetOfAvailableWithoutRepeats()
    {
        Prop.ForAll(Gen.Choose(1, 60).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (n, seed) =>
        {
            var available = Enumerable.Range(0, n).Select(i => (i * 7) + 3).ToArray();
            var k = 1 + (seed % n);
            var chosen = UniformSampler.WithCount(k).Sample(available, 1, new Random(seed));
            return chosen.Count == k && chosen.Distinct().Count() == k && chosen.All(available.Contains);
        }).QuickCheckThrowOnFailure();
    }
}
