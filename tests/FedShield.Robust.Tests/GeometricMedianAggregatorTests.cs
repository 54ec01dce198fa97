using FedShield.Federation.Messages;
using static FedShield.Robust.Tests.DeltaCases;

namespace FedShield.Robust.Tests;

public class GeometricMedianAggregatorTests
{
    private static readonly GeometricMedianOptions Tight = new() { MaxIterations = 2000, Tolerance = 1e-14, Smoothing = 1e-9 };

    [Fact]
    public void Aggregate_ThreeCollinearPoints_ReturnsTheMiddleOne()
    {
        // On a line the geometric median is the median: 1 for {0, 1, 10}, while the mean is 11/3.
        var result = new GeometricMedianAggregator(Tight).Aggregate([Update(1, 0, 0), Update(2, 1, 0), Update(3, 10, 0)]);

        Assert.Equal(1, result.Delta[0], 4);
        Assert.Equal(0, result.Delta[1], 6);
        Assert.Equal((1 + 0 + 9) / 3.0, result.Metrics.GetOrNaN("agg.objective"), 4);
    }

    [Fact]
    public void Aggregate_SymmetricSquare_ReturnsCentreInOneStep()
    {
        // Four points at distance 1 from (2, 3): the mean (2, 3) is already the median, so the first
        // step (all weights equal) returns it unchanged and the objective stops decreasing.
        var result = new GeometricMedianAggregator().Aggregate([Update(1, 3, 3), Update(2, 1, 3), Update(3, 2, 4), Update(4, 2, 2)]);

        Assert.Equal([2f, 3f], result.Delta);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.iterations"));
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.objective"), 12);
    }

    [Fact]
    public void Aggregate_RightTriangle_ReturnsFermatPoint()
    {
        // For (0,0), (1,0), (0,1) the median is (t, t) by symmetry, where the unit vectors towards the
        // three points sum to 0. Along x: −1/√2 + (1 − 2t)/√((1 − t)² + t²) = 0
        // ⇒ 2(1 − 2t)² = 1 − 2t + 2t² ⇒ 6t² − 6t + 1 = 0 ⇒ t = 1/2 − √3/6 ≈ 0.211325.
        var t = 0.5 - (Math.Sqrt(3) / 6);
        var result = new GeometricMedianAggregator(Tight).Aggregate([Update(1, 0, 0), Update(2, 1, 0), Update(3, 0, 1)]);

        Assert.Equal(t, result.Delta[0], 5);
        Assert.Equal(t, result.Delta[1], 5);
    }

    [Fact]
    public void Aggregate_SampleCounts_WeighThePoints()
    {
        // Two points with weights 3/4 and 1/4: the objective (3/4)‖z − a‖ + (1/4)‖z − b‖ is smallest at a.
        var result = new GeometricMedianAggregator(Tight).Aggregate([Weighted(1, 3, 2, -1), Weighted(2, 1, 6, 5)]);

        Assert.Equal(2, result.Delta[0], 4);
        Assert.Equal(-1, result.Delta[1], 4);
    }

    [Fact]
    public void Aggregate_OneFarOutlier_MovesTheResultLittle()
    {
        // Five updates within 0.1 of (1, 1) and one at (10⁴, 10⁴): the mean moves by about 2357, the median
        // stays within the cluster.
        ClientUpdate[] updates =
        [
            Update(1, 1, 1), Update(2, 1.1f, 1), Update(3, 0.9f, 1), Update(4, 1, 1.1f), Update(5, 1, 0.9f),
            Update(6, 10_000, 10_000),
        ];

        var result = new GeometricMedianAggregator().Aggregate(updates);

        Assert.True(Math.Abs(result.Delta[0] - 1) < 0.1 && Math.Abs(result.Delta[1] - 1) < 0.1, $"median at ({result.Delta[0]}, {result.Delta[1]})");
    }

    [Fact]
    public void Aggregate_MaxIterationsReached_StopsThere()
    {
        var result = new GeometricMedianAggregator(new GeometricMedianOptions { MaxIterations = 3, Tolerance = 0 })
            .Aggregate([Update(1, 0, 0), Update(2, 1, 0), Update(3, 10, 0)]);

        Assert.Equal(3, result.Metrics.GetOrNaN("agg.iterations"));
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMedianOptions { MaxIterations = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMedianOptions { Tolerance = -1e-3 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMedianOptions { Tolerance = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMedianOptions { Smoothing = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMedianOptions { Smoothing = double.PositiveInfinity });
    }

    [Fact]
    public void Constructor_NoOptions_UsesDefaults()
    {
        var options = new GeometricMedianAggregator().Options;

        Assert.Equal(100, options.MaxIterations);
        Assert.Equal(1e-6, options.Tolerance);
        Assert.Equal(1e-6, options.Smoothing);
        Assert.Equal("geometric-median", new GeometricMedianAggregator().Name);
    }

    [Fact]
    public void Aggregate_MismatchedLengths_ThrowsArgumentNamingTheClient()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GeometricMedianAggregator().Aggregate([Update(1, 1, 2), Update(2, 1, 2, 3)]));
        Assert.Contains("client 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_ShuffledUpdates_GivesBitIdenticalResult()
    {
        Check(Sets(), set =>
            SameResult(new GeometricMedianAggregator().Aggregate(set.Updates), new GeometricMedianAggregator().Aggregate(Shuffled(set))));
    }

    [Fact]
    public void Aggregate_IdenticalUpdates_ReturnsThatUpdateWithoutIterating()
    {
        Check(Identical(), set =>
        {
            var result = new GeometricMedianAggregator().Aggregate(set.Updates);
            return result.Delta.AsSpan().SequenceEqual(set.Updates[0].Values) && result.Metrics.GetOrNaN("agg.iterations") == 0;
        });
    }

    [Fact]
    public void Aggregate_AnyUpdates_StaysInTheHullAndDoesNotExceedTheMeansObjective()
    {
        Check(Sets(), set =>
        {
            var result = new GeometricMedianAggregator().Aggregate(set.Updates);
            var mean = new Federation.Strategies.WeightedMeanAggregator().Aggregate(set.Updates).Delta;
            return WithinCoordinateRange(result.Delta, set.Updates)
                && result.Metrics.GetOrNaN("agg.objective") <= Objective(mean, set.Updates) * (1 + 1e-6) + 1e-9;
        });
    }

    private static double Objective(float[] z, ClientUpdate[] updates)
    {
        double total = updates.Sum(u => (double)u.SampleCount);
        return updates.Sum(u => u.SampleCount / total * Norm([.. z.Zip(u.Values, (a, b) => a - b)]));
    }
}
