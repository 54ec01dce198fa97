using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class MedianAggregatorTests
{
    [Fact]
    public void Aggregate_OddCount_TakesTheMiddleValuePerCoordinate()
    {
        // Coordinate 0: -4, 1, 3, 5, 100 -> 3. Coordinate 1: -2, 0, 4, 7, 10 -> 4.
        var updates = Updates([1f, 10f], [5f, -2f], [3f, 7f], [100f, 0f], [-4f, 4f]);

        var result = new MedianAggregator().Aggregate(updates);

        Assert.Equal([3f, 4f], result.Delta);
        Assert.Empty(result.ExcludedClients);
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.selected"));
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.excluded"));
        Assert.Equal(4, result.Metrics.GetOrNaN("agg.trimmed"));
    }

    [Fact]
    public void Aggregate_EvenCount_AveragesTheTwoMiddleValues()
    {
        // Coordinate 0: 1, 2, 3, 10 -> 2.5. Coordinate 1: -1, -1, 6, 8 -> 2.5. Coordinate 2: 0.1, 0.2, 0.3, 0.4 -> 0.25.
        var updates = Updates([10f, 6f, 0.4f], [2f, -1f, 0.1f], [1f, 8f, 0.3f], [3f, -1f, 0.2f]);

        var result = new MedianAggregator().Aggregate(updates);

        Assert.Equal([2.5f, 2.5f, (float)(((double)0.2f + 0.3f) / 2)], result.Delta);
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.trimmed"));
    }

    [Fact]
    public void Aggregate_OneUpdate_ReturnsACopyOfIt()
    {
        var values = new[] { 1.5f, -2f, 0f };
        var result = new MedianAggregator().Aggregate([Update(7, values)]);
        Assert.Equal(values, result.Delta);
        Assert.NotSame(values, result.Delta);
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.trimmed"));
    }

    [Fact]
    public void Aggregate_HugeExtremesOnBothSides_StayOutOfTheResult()
    {
        var updates = Updates([float.MaxValue], [-float.MaxValue], [1f], [2f], [3f]);
        Assert.Equal([2f], new MedianAggregator().Aggregate(updates).Delta);
    }

    [Theory]
    [InlineData(3, 77)]
    [InlineData(20, 333)]
    [InlineData(21, 5000)] // large enough to run in parallel
    [InlineData(64, 1500)]
    public void Aggregate_RandomSets_MatchSortingEachCoordinate(int n, int d)
    {
        var updates = Random(n + d, n, d, scale: 100f);
        Assert.Equal(NaiveMedian(updates), new MedianAggregator().Aggregate(updates).Delta);
    }

    [Fact]
    public void Aggregate_NoUpdates_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MedianAggregator().Aggregate([]));
        Assert.Contains("at least one update", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_LengthsDiffer_ThrowsNamingTheClient()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MedianAggregator().Aggregate([Update(0, 1f, 2f), Update(4, 1f)]));
        Assert.Contains("client 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_RepeatedClient_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MedianAggregator().Aggregate([Update(3, 1f), Update(3, 2f)]));
        Assert.Contains("client 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void Aggregate_NonFiniteValue_ThrowsNamingClientAndIndex(float bad)
    {
        var updates = Random(2, 30, 4000);
        updates[17].Values[3999] = bad;

        var ex = Assert.Throws<ArgumentException>(() => new MedianAggregator().Aggregate(updates));

        Assert.Contains("client 17", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index 3999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_IsMedian() => Assert.Equal("median", new MedianAggregator().Name);
}
