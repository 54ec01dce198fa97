using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class SecureAggregationOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndDocumented()
    {
        var o = new SecureAggregationOptions();
        Assert.Equal(SecureAggregationVariant.SecAgg, o.Variant);
        Assert.Equal(32, o.Bits);
        Assert.Equal(1.0, o.ClipRange);
        Assert.Equal(1000, o.MaxWeight);
        Assert.Null(o.ThresholdCount);
        Assert.True(o.ServerThreads >= 1);
    }

    [Theory]
    [InlineData(10, 6)]
    [InlineData(11, 6)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    public void ThresholdFor_DefaultFraction_IsTheSmallestMajority(int group, int expected) =>
        Assert.Equal(expected, new SecureAggregationOptions().ThresholdFor(group));

    [Fact]
    public void ThresholdFor_FractionAndCount()
    {
        Assert.Equal(7, new SecureAggregationOptions(thresholdFraction: 2.0 / 3).ThresholdFor(10));
        Assert.Equal(4, new SecureAggregationOptions(thresholdCount: 4).ThresholdFor(10));
    }

    [Fact]
    public void ThresholdProblem_EnforcesTheMajorityRule()
    {
        Assert.Null(SecureAggregationOptions.ThresholdProblem(6, 10));
        Assert.Null(SecureAggregationOptions.ThresholdProblem(10, 10));
        Assert.Contains("not more than half", SecureAggregationOptions.ThresholdProblem(5, 10), StringComparison.Ordinal);
        Assert.Contains("exceeds", SecureAggregationOptions.ThresholdProblem(11, 10), StringComparison.Ordinal);
        Assert.Contains("below 2", SecureAggregationOptions.ThresholdProblem(1, 1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(10, 9)]
    [InlineData(20, 19)]
    [InlineData(100, 54)]
    [InlineData(500, 72)]
    [InlineData(10000, 108)]
    public void DefaultNeighbours_IsEvenAbout8Log2N_CappedAtComplete(int n, int expected) =>
        Assert.Equal(expected, SecureAggregationOptions.DefaultNeighbours(n));

    [Fact]
    public void NeighboursFor_SecAggIsCompleteAndSecAggPlusIsCapped()
    {
        Assert.Equal(49, new SecureAggregationOptions().NeighboursFor(50));
        Assert.Equal(8, new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, neighbours: 8).NeighboursFor(50));
        Assert.Equal(5, new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, neighbours: 8).NeighboursFor(6));
    }

    [Fact]
    public void Constructor_BadValues_NameTheValueAndTheExpectation()
    {
        Assert.Contains("[0.5, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(thresholdFraction: 0.4)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(thresholdFraction: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(thresholdFraction: double.NaN));
        Assert.Contains("at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(thresholdCount: 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(clipRange: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(clipRange: double.PositiveInfinity));
        Assert.Contains("8 to 64", Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(bits: 7)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(bits: 65));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(maxWeight: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(bits: 8, maxWeight: 256));
        Assert.Contains("SecAgg+ only", Assert.Throws<ArgumentException>(() => new SecureAggregationOptions(neighbours: 4)).Message, StringComparison.Ordinal);
        Assert.Contains("even", Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, neighbours: 5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, neighbours: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, thresholdCount: 2, neighbours: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, thresholdCount: 6, neighbours: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions((SecureAggregationVariant)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureAggregationOptions(serverThreads: -1));
    }
}
