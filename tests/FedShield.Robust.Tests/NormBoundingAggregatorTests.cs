using FedShield.Federation.Strategies;
using static FedShield.Robust.Tests.DeltaCases;

namespace FedShield.Robust.Tests;

public class NormBoundingAggregatorTests
{
    // Norms: ‖(3,4)‖ = 5, ‖(0,1)‖ = 1, ‖(6,8)‖ = 10; median 5, max 10.
    private static readonly Federation.Messages.ClientUpdate[] Three =
        [Weighted(1, 1, 3, 4), Weighted(2, 1, 0, 1), Weighted(3, 2, 6, 8)];

    [Fact]
    public void Aggregate_FixedBound_ClipsLongUpdatesThenTakesWeightedMean()
    {
        // Bound 2: (3,4) → (3,4)·2/5 = (1.2, 1.6); (0,1) kept; (6,8) → (6,8)·2/10 = (1.2, 1.6), weight 2.
        // Mean = ((1.2 + 0 + 2·1.2) / 4, (1.6 + 1 + 2·1.6) / 4) = (0.9, 1.45).
        var result = NormBoundingAggregator.WithBound(2).Aggregate(Three);

        Assert.Equal(0.9f, result.Delta[0], 6);
        Assert.Equal(1.45f, result.Delta[1], 6);
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.bound"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.clipped"));
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.norm_median"), 12);
        Assert.Equal(10, result.Metrics.GetOrNaN("agg.norm_max"), 12);
        Assert.Empty(result.ExcludedClients);
    }

    [Fact]
    public void FromSum_FixedBound_ClientsClipThemselvesAndTheSumGivesTheSameMean()
    {
        var aggregator = NormBoundingAggregator.WithBound(2);
        Assert.Equal(new SumForm(2, WeightBySamples: true), aggregator.SumForm);

        // The clipped, sample-weighted updates of the case above summed: (1.2 + 0 + 2.4, 1.6 + 1 + 3.2), total weight 4.
        var result = aggregator.FromSum([3.6, 5.8], 4, 3);
        Assert.Equal(0.9f, result.Delta[0], 6);
        Assert.Equal(1.45f, result.Delta[1], 6);
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.bound"));
    }

    [Fact]
    public void FromSum_MedianNorm_HasNoSumFormAndRefuses()
    {
        var aggregator = NormBoundingAggregator.ToMedianNorm();
        Assert.Null(aggregator.SumForm);
        Assert.Contains("median norm", Assert.Throws<InvalidOperationException>(() => aggregator.FromSum([1.0], 1, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_MedianNorm_ClipsOnlyUpdatesLongerThanTheMedian()
    {
        // Bound = median norm 5: (3,4) has norm exactly 5 and is kept; (6,8) → (3,4), weight 2.
        // Mean = ((3 + 0 + 2·3) / 4, (4 + 1 + 2·4) / 4) = (2.25, 3.25).
        var result = NormBoundingAggregator.ToMedianNorm().Aggregate(Three);

        Assert.Equal([2.25f, 3.25f], result.Delta);
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.bound"), 12);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.clipped"));
    }

    [Fact]
    public void Aggregate_MedianNormOfEvenCount_UsesMeanOfMiddleNorms()
    {
        // Norms 1 and 3: median 2; (0,3) → (0,2). Mean of (1,0) and (0,2) = (0.5, 1).
        var result = NormBoundingAggregator.ToMedianNorm().Aggregate([Update(4, 1, 0), Update(7, 0, 3)]);

        Assert.Equal(2, result.Metrics.GetOrNaN("agg.bound"), 12);
        Assert.Equal([0.5f, 1f], result.Delta);
    }

    [Fact]
    public void Aggregate_MedianNormZero_GivesZeroInsteadOfNaN()
    {
        var result = NormBoundingAggregator.ToMedianNorm().Aggregate([Update(1, 0, 0), Update(2, 0, 0), Update(3, 5, 5)]);

        Assert.Equal([0f, 0f], result.Delta);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.clipped"));
    }

    [Fact]
    public void Aggregate_BoundAboveEveryNorm_EqualsWeightedMean()
    {
        var updates = new[] { Weighted(1, 3, 0.5f, -1), Weighted(2, 5, 2, 0.25f), Weighted(6, 1, -1, 1) };

        var clipped = NormBoundingAggregator.WithBound(100).Aggregate(updates);
        var mean = new WeightedMeanAggregator().Aggregate(updates);

        Assert.Equal(0, clipped.Metrics.GetOrNaN("agg.clipped"));
        Assert.Equal(mean.Delta[0], clipped.Delta[0], 6);
        Assert.Equal(mean.Delta[1], clipped.Delta[1], 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void WithBound_NotPositiveFinite_Throws(double bound) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NormBoundingAggregator.WithBound(bound));

    [Fact]
    public void Bound_FactoriesReportTheirBound()
    {
        Assert.Equal(3.5, NormBoundingAggregator.WithBound(3.5).Bound);
        Assert.Null(NormBoundingAggregator.ToMedianNorm().Bound);
        Assert.Equal("norm-bounding", NormBoundingAggregator.ToMedianNorm().Name);
    }

    [Fact]
    public void Aggregate_NoUpdates_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => NormBoundingAggregator.WithBound(1).Aggregate([]));
        Assert.Contains("at least one update", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_AnyUpdates_AggregateNormWithinBound()
    {
        Check(Sets(), set =>
        {
            var fixedBound = NormBoundingAggregator.WithBound(1.5).Aggregate(set.Updates);
            var median = NormBoundingAggregator.ToMedianNorm().Aggregate(set.Updates);
            var medianBound = median.Metrics.GetOrNaN("agg.bound");
            var norms = set.Updates.Select(u => Norm(u.Values)).ToArray();
            return Norm(fixedBound.Delta) <= 1.5 * (1 + 1e-6)
                && Norm(median.Delta) <= medianBound * (1 + 1e-6) + 1e-12
                && fixedBound.Metrics.GetOrNaN("agg.clipped") == norms.Count(x => x > 1.5)
                && median.Metrics.GetOrNaN("agg.clipped") <= set.Updates.Length / 2;
        });
    }

    [Fact]
    public void Aggregate_ShuffledUpdates_GivesBitIdenticalResult()
    {
        Check(Sets(), set =>
            SameResult(NormBoundingAggregator.ToMedianNorm().Aggregate(set.Updates), NormBoundingAggregator.ToMedianNorm().Aggregate(Shuffled(set)))
            && SameResult(NormBoundingAggregator.WithBound(2).Aggregate(set.Updates), NormBoundingAggregator.WithBound(2).Aggregate(Shuffled(set))));
    }

    [Fact]
    public void Aggregate_IdenticalUpdatesUnderMedianNorm_ReturnsThatUpdate()
    {
        Check(Identical(), set =>
            NormBoundingAggregator.ToMedianNorm().Aggregate(set.Updates).Delta.AsSpan().SequenceEqual(set.Updates[0].Values));
    }
}
