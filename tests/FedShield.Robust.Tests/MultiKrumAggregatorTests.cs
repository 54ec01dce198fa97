using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class MultiKrumAggregatorTests
{
    [Fact]
    public void Aggregate_DefaultSelection_AveragesTheNMinusFBestWeightedBySamples()
    {
        // Scores 5, 6, 8, 9, 292 (see KrumAggregatorTests); m = n - f = 4 keeps clients 10..13 with
        // sample counts 1, 1, 2, 4: x = (0 + 1 + 0 + 2·4) / 8 = 1.125, y = (0 + 0 + 2·2 + 2·4) / 8 = 1.5.
        var result = new MultiKrumAggregator(AssumedAttackers.Count(1)).Aggregate(KrumAggregatorTests.FivePoints());

        Assert.Equal([1.125f, 1.5f], result.Delta);
        Assert.Equal([14], result.ExcludedClients);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.f"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.neighbours"));
        Assert.Equal(4, result.Metrics.GetOrNaN("agg.selected"));
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.excluded"));
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.score_min"));
        Assert.Equal(9, result.Metrics.GetOrNaN("agg.score_cutoff"));
    }

    [Fact]
    public void Aggregate_SelectTwo_AveragesTheTwoBest()
    {
        var result = new MultiKrumAggregator(AssumedAttackers.Count(1), select: 2).Aggregate(KrumAggregatorTests.FivePoints());

        Assert.Equal([0.5f, 0f], result.Delta);
        Assert.Equal([12, 13, 14], result.ExcludedClients);
        Assert.Equal(6, result.Metrics.GetOrNaN("agg.score_cutoff"));
    }

    [Fact]
    public void Aggregate_SelectOne_IsKrum()
    {
        var updates = Random(9, 12, 257);
        var krum = new KrumAggregator(AssumedAttackers.Count(3)).Aggregate(updates);
        var multi = new MultiKrumAggregator(AssumedAttackers.Count(3), select: 1).Aggregate(updates);
        Assert.Equal(krum.Delta, multi.Delta);
        Assert.Equal(krum.ExcludedClients, multi.ExcludedClients);
    }

    [Fact]
    public void Aggregate_LargeSet_AveragesTheSelectedExactlyAsTheNaiveWeightedMean()
    {
        var updates = Random(4, 30, 9000);
        var result = new MultiKrumAggregator(AssumedAttackers.Fraction(0.2)).Aggregate(updates);

        var used = updates.Where(u => !result.ExcludedClients.Contains(u.ClientId)).ToArray();
        Assert.Equal(24, used.Length);
        double weight = used.Sum(u => (double)u.SampleCount);
        for (int k = 0; k < 9000; k += 7)
        {
            double s = used.Sum(u => u.SampleCount * (double)u.Values[k]);
            Assert.Equal((float)(s / weight), result.Delta[k], 1e-6f);
        }
    }

    [Fact]
    public void Aggregate_SelectMoreThanNMinusF_ThrowsNamingTheBound()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MultiKrumAggregator(AssumedAttackers.Count(1), select: 5).Aggregate(KrumAggregatorTests.FivePoints()));
        Assert.Contains("m = 5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("n - f = 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_TooFewUpdates_ThrowsNamingTheBound()
    {
        // 40% of 5 is 2, and 5 <= 2·2 + 2.
        var ex = Assert.Throws<InvalidOperationException>(() => new MultiKrumAggregator(AssumedAttackers.Fraction(0.4)).Aggregate(Random(1, 5, 4)));
        Assert.Equal("multi-krum needs n > 2f + 2 updates; got n = 5 with f = 2 (f=40% of n)", ex.Message);
    }

    [Fact]
    public void Aggregate_NonPositiveSampleCount_Throws()
    {
        var updates = KrumAggregatorTests.FivePoints();
        updates[2] = updates[2] with { SampleCount = 0 };
        var ex = Assert.Throws<ArgumentException>(() => new MultiKrumAggregator(AssumedAttackers.Count(1)).Aggregate(updates));
        Assert.Contains("client 12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SelectBelowOne_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MultiKrumAggregator(AssumedAttackers.Count(1), select: 0));
        Assert.Equal("select", ex.ParamName);
    }

    [Fact]
    public void Name_IsMultiKrum() => Assert.Equal("multi-krum", new MultiKrumAggregator(AssumedAttackers.Count(1)).Name);
}
