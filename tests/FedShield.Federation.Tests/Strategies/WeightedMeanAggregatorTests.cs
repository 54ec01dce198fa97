using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Federation.Tests.Strategies;

public class WeightedMeanAggregatorTests
{
    private static ClientUpdate Update(int id, long samples, params float[] values) =>
        new(id, 1, values, UpdateKind.Delta, samples, MetricSet.Empty);

    [Fact]
    public void Aggregate_WeightsBySampleCount()
    {
        var result = new WeightedMeanAggregator().Aggregate([Update(0, 1, 1f, 0f), Update(1, 3, 5f, 4f)]);
        Assert.Equal([4f, 3f], result.Delta);
        Assert.Empty(result.ExcludedClients);
        Assert.Equal(2, result.Metrics.GetOrNaN("aggregator.updates"));
    }

    [Fact]
    public void Aggregate_Unweighted_IgnoresSampleCounts()
    {
        var result = new WeightedMeanAggregator { Unweighted = true }.Aggregate([Update(0, 1, 1f), Update(1, 3, 5f)]);
        Assert.Equal([3f], result.Delta);
    }

    [Fact]
    public void FromSum_SameBitsAsAggregateOfTheUpdates()
    {
        var aggregator = new WeightedMeanAggregator();
        Assert.Equal(new SumForm(null, WeightBySamples: true), aggregator.SumForm);
        Assert.Equal(new SumForm(null, WeightBySamples: false), new WeightedMeanAggregator { Unweighted = true }.SumForm);
        var fromSum = aggregator.FromSum([(1 * 1.0) + (3 * 5.0), (1 * 0.0) + (3 * 4.0)], 4, 2);
        Assert.Equal(aggregator.Aggregate([Update(0, 1, 1f, 0f), Update(1, 3, 5f, 4f)]).Delta, fromSum.Delta);
        Assert.Equal(2, fromSum.Metrics.GetOrNaN("aggregator.updates"));
    }

    [Fact]
    public void FromSum_NoWeightOrNoUpdates_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new WeightedMeanAggregator().FromSum([1.0], 0, 1));
        Assert.Throws<InvalidOperationException>(() => new WeightedMeanAggregator().FromSum([1.0], 1, 0));
    }

    [Fact]
    public void Incremental_SameBitsAsBatch()
    {
        var random = new Random(5);
        var updates = Enumerable.Range(0, 7).Select(i => Update(i, 1 + random.Next(100), [.. Enumerable.Range(0, 33).Select(_ => (float)random.NextDouble() - 0.5f)])).ToList();
        var aggregator = new WeightedMeanAggregator();
        var acc = aggregator.Begin(33);
        updates.ForEach(acc.Add);
        Assert.Equal(aggregator.Aggregate(updates).Delta, acc.Complete().Delta);
    }

    [Fact]
    public void Aggregate_Empty_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new WeightedMeanAggregator().Aggregate([]));
    }

    [Fact]
    public void Add_WrongLengthOrZeroSamples_ThrowsNamingClient()
    {
        var acc = new WeightedMeanAggregator().Begin(2);
        Assert.Contains("client 4", Assert.Throws<ArgumentException>(() => acc.Add(Update(4, 1, 1f))).Message, StringComparison.Ordinal);
        Assert.Contains("sample count 0", Assert.Throws<ArgumentException>(() => acc.Add(Update(5, 0, 1f, 2f))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_Property_PermutationInvariantAndWithinRange()
    {
        Prop.ForAll(Gen.Choose(1, 12).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (n, seed) =>
        {
            var random = new Random(seed);
            var updates = Enumerable.Range(0, n).Select(i => Update(i, 1 + random.Next(50), (float)(random.NextDouble() * 20 - 10), (float)random.NextDouble())).ToList();
            var shuffled = updates.OrderBy(_ => random.Next()).ToList();
            var a = new WeightedMeanAggregator().Aggregate(updates).Delta;
            var b = new WeightedMeanAggregator().Aggregate(shuffled).Delta;
            var lo = updates.Min(u => u.Values[0]);
            var hi = updates.Max(u => u.Values[0]);
            return Math.Abs(a[0] - b[0]) <= 1e-5f && Math.Abs(a[1] - b[1]) <= 1e-6f && a[0] >= lo - 1e-5f && a[0] <= hi + 1e-5f;
        }).QuickCheckThrowOnFailure();
    }
}
