using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class TrimmedMeanAggregatorTests
{
    [Fact]
    public void Aggregate_TrimsKAtEachEndAndAveragesTheRest()
    {
        // beta 0.2, n = 5: k = 1. Coordinate 0: -4, [1, 3, 5], 100 -> 3. Coordinate 1: -2, [0, 4, 7], 10 -> 11/3.
        var updates = Updates([1f, 10f], [5f, -2f], [3f, 7f], [100f, 0f], [-4f, 4f]);

        var result = new TrimmedMeanAggregator(0.2).Aggregate(updates);

        Assert.Equal([3f, 11f / 3f], result.Delta);
        Assert.Empty(result.ExcludedClients);
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.selected"));
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.excluded"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.trimmed"));
    }

    [Fact]
    public void Aggregate_ThreeTenthsOfTen_TrimsThreeDespiteRounding()
    {
        // 1..10 with k = 3: mean of 4, 5, 6, 7 = 5.5.
        var updates = Updates([.. Enumerable.Range(1, 10).Select(v => new[] { (float)v })]);

        var result = new TrimmedMeanAggregator(0.3).Aggregate(updates);

        Assert.Equal([5.5f], result.Delta);
        Assert.Equal(6, result.Metrics.GetOrNaN("agg.trimmed"));
    }

    [Fact]
    public void Aggregate_BetaZero_IsThePlainUnweightedMean()
    {
        var updates = new[] { Update(0, 100, 1f, 2f), Update(1, 1, 2f, 4f), Update(2, 1, 6f, 0f) };
        var result = new TrimmedMeanAggregator(0).Aggregate(updates);
        Assert.Equal([3f, 2f], result.Delta);
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.trimmed"));
    }

    [Fact]
    public void Aggregate_KBelowOneForSmallN_TrimsNothing()
    {
        // beta 0.1, n = 9: k = 0.
        var updates = Updates([.. Enumerable.Range(1, 9).Select(v => new[] { (float)(v * v) })]);
        Assert.Equal([285f / 9f], new TrimmedMeanAggregator(0.1).Aggregate(updates).Delta);
    }

    [Theory]
    [InlineData(0.1, 10, 77)]
    [InlineData(0.25, 13, 301)]
    [InlineData(0.1, 50, 2000)] // parallel
    [InlineData(0.45, 31, 100)]
    public void Aggregate_RandomSets_MatchSortingEachCoordinate(double beta, int n, int d)
    {
        var updates = Random(n * d, n, d, scale: 10f);
        int k = (int)Math.Floor(beta * n + 1e-9);
        Assert.Equal(NaiveTrimmedMean(updates, k), new TrimmedMeanAggregator(beta).Aggregate(updates).Delta);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Constructor_BetaOutsideRange_Throws(double beta)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TrimmedMeanAggregator(beta));
        Assert.Equal("beta", ex.ParamName);
    }

    [Fact]
    public void TrimCount_IsFloorOfBetaTimesN()
    {
        var rule = new TrimmedMeanAggregator(0.1);
        Assert.Equal(10, rule.TrimCount(100));
        Assert.Equal(5, rule.TrimCount(50));
        Assert.Equal(0, rule.TrimCount(9));
    }

    [Fact]
    public void Aggregate_NoUpdates_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => new TrimmedMeanAggregator(0.1).Aggregate([]));
    }

    [Fact]
    public void Aggregate_NonFiniteValue_Throws()
    {
        var updates = Updates([1f, 2f], [float.PositiveInfinity, 0f], [3f, 3f]);
        var ex = Assert.Throws<ArgumentException>(() => new TrimmedMeanAggregator(0.2).Aggregate(updates));
        Assert.Contains("client 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_IsTrimmedMean() => Assert.Equal("trimmed-mean", new TrimmedMeanAggregator(0.1).Name);
}
