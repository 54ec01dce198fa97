using FedShield.Federation.Messages;
using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class KrumAggregatorTests
{
    // (0,0), (1,0), (0,2), (2,2), (10,10), clients 10..14. Squared distances:
    // 0-1: 1, 0-2: 4, 0-3: 8, 0-4: 200, 1-2: 5, 1-3: 5, 1-4: 181, 2-3: 4, 2-4: 164, 3-4: 128.
    // With f = 1 each score sums the n - f - 2 = 2 nearest: 5, 6, 8, 9, 292.
    internal static ClientUpdate[] FivePoints() =>
    [
        Update(10, 1, 0f, 0f),
        Update(11, 1, 1f, 0f),
        Update(12, 2, 0f, 2f),
        Update(13, 4, 2f, 2f),
        Update(14, 8, 10f, 10f),
    ];

    [Fact]
    public void Aggregate_PicksTheLowestScoringUpdate()
    {
        var result = new KrumAggregator(AssumedAttackers.Count(1)).Aggregate(FivePoints());

        Assert.Equal([0f, 0f], result.Delta);
        Assert.Equal([11, 12, 13, 14], result.ExcludedClients);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.f"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.neighbours"));
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.selected"));
        Assert.Equal(4, result.Metrics.GetOrNaN("agg.excluded"));
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.score_min"));
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.score_cutoff"));
    }

    [Fact]
    public void Aggregate_NoAttackersAssumed_UsesNMinusTwoNeighbours()
    {
        // f = 0, 3 neighbours: scores 13, 11, 13, 17, 473 -> client 11.
        var result = new KrumAggregator(AssumedAttackers.Count(0)).Aggregate(FivePoints());
        Assert.Equal([1f, 0f], result.Delta);
        Assert.Equal(11, result.Metrics.GetOrNaN("agg.score_min"));
    }

    [Fact]
    public void Aggregate_TiedScores_GoToTheLowerClientId()
    {
        // 0, 1, 2, 3, 100 on a line with f = 1: scores 5, 2, 2, 5, ... -> clients 21 and 22 tie; 21 wins.
        var updates = new[] { Update(20, 0f), Update(22, 2f), Update(21, 1f), Update(23, 3f), Update(24, 100f) };
        var result = new KrumAggregator(AssumedAttackers.Count(1)).Aggregate(updates);
        Assert.Equal([1f], result.Delta);
        Assert.Equal([20, 22, 23, 24], result.ExcludedClients);
    }

    [Fact]
    public void Aggregate_ReturnsACopy()
    {
        var updates = FivePoints();
        var result = new KrumAggregator(AssumedAttackers.Count(1)).Aggregate(updates);
        Assert.NotSame(updates[0].Values, result.Delta);
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(4, 1)]
    [InlineData(2, 0)]
    public void Aggregate_TooFewUpdates_ThrowsNamingTheBound(int n, int f)
    {
        var updates = Random(1, n, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => new KrumAggregator(AssumedAttackers.Count(f)).Aggregate(updates));
        Assert.Equal($"krum needs n > 2f + 2 updates; got n = {n} with f = {f} (f={f})", ex.Message);
    }

    [Fact]
    public void Aggregate_HugeAssumedCount_ThrowsInsteadOfOverflowing()
    {
        Assert.Throws<InvalidOperationException>(() => new KrumAggregator(AssumedAttackers.Count(int.MaxValue)).Aggregate(FivePoints()));
        Assert.Throws<InvalidOperationException>(() => new BulyanAggregator(AssumedAttackers.Count(int.MaxValue)).Aggregate(FivePoints()));
    }

    [Fact]
    public void Aggregate_FractionResolvedPerRound()
    {
        // 20% of 5 = 1, as in the hand-computed case.
        var result = new KrumAggregator(AssumedAttackers.Fraction(0.2)).Aggregate(FivePoints());
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.f"));
        Assert.Equal([0f, 0f], result.Delta);
    }

    [Fact]
    public void Aggregate_NonFiniteValue_Throws()
    {
        var updates = FivePoints();
        updates[3].Values[1] = float.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new KrumAggregator(AssumedAttackers.Count(1)).Aggregate(updates));
        Assert.Contains("client 13", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_IsKrum() => Assert.Equal("krum", new KrumAggregator(AssumedAttackers.Count(1)).Name);
}
