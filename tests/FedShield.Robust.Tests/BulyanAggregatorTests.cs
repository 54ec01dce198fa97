using FedShield.Federation.Messages;
using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class BulyanAggregatorTests
{
    // Values 0, 1, 3, 4, 6, 45, -30 (clients 0..6) in coordinate 0, all 7 in coordinate 1; f = 1.
    // Krum steps (neighbours max(n' - 3, 1)):
    //   n' = 7, 4 neighbours: scores 62, 39, 23, 30, 74, ... -> value 3 (client 2)
    //   n' = 6, 3 neighbours over {0, 1, 4, 6, 45, -30}: 53, 35, 29, 65, ... -> value 4 (client 3)
    //   n' = 5, 2 neighbours over {0, 1, 6, 45, -30}: 37, 26, 61, ... -> value 1 (client 1)
    //   n' = 4, 1 neighbour over {0, 6, 45, -30}: 36, 36, 1521, 900 -> tie, client 0 (value 0)
    //   n' = 3, 1 neighbour over {6, 45, -30}: 1296, 1521, 1296 -> tie, client 4 (value 6)
    // θ = 5 selected: 0, 1, 3, 4, 6; median 3; β = 3: drop 6 (tie with 0, the larger goes), then 0
    // (3 away against 1) -> mean of 1, 3, 4 = 8/3.
    private static ClientUpdate[] SevenValues() =>
        [.. new[] { 0f, 1f, 3f, 4f, 6f, 45f, -30f }.Select((v, i) => Update(i, v, 7f))];

    [Fact]
    public void Aggregate_HandComputedCase()
    {
        var result = new BulyanAggregator(AssumedAttackers.Count(1)).Aggregate(SevenValues());

        Assert.Equal([8f / 3f, 7f], result.Delta);
        Assert.Equal([5, 6], result.ExcludedClients);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.f"));
        Assert.Equal(5, result.Metrics.GetOrNaN("agg.selected"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.excluded"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.trimmed"));
        Assert.Equal(3, result.Metrics.GetOrNaN("agg.kept"));
    }

    [Fact]
    public void Aggregate_NoAttackers_IsTheUnweightedMean()
    {
        var updates = new[] { Update(0, 5, 1f, -1f), Update(1, 1, 2f, 0f), Update(2, 9, 6f, 4f) };
        var result = new BulyanAggregator(AssumedAttackers.Count(0)).Aggregate(updates);
        Assert.Equal([3f, 1f], result.Delta);
        Assert.Empty(result.ExcludedClients);
    }

    [Fact]
    public void Aggregate_FarAttackers_AreExcludedAndResultStaysInHonestRange()
    {
        var honest = Random(8, 9, 300);
        var attackers = Enumerable.Range(9, 2).Select(i => Update(i, [.. Enumerable.Repeat(i == 9 ? 1e6f : -1e6f, 300)]));
        var updates = honest.Concat(attackers).ToArray();

        var result = new BulyanAggregator(AssumedAttackers.Count(2)).Aggregate(updates);

        Assert.Equal([9, 10], result.ExcludedClients.Order().TakeLast(2));
        for (int k = 0; k < 300; k++)
        {
            Assert.InRange(result.Delta[k], honest.Min(u => u.Values[k]), honest.Max(u => u.Values[k]));
        }
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(10, 2)]
    public void Aggregate_TooFewUpdates_ThrowsNamingTheBound(int n, int f)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new BulyanAggregator(AssumedAttackers.Count(f)).Aggregate(Random(2, n, 5)));
        Assert.Equal($"bulyan needs n >= 4f + 3 updates; got n = {n} with f = {f} (f={f})", ex.Message);
    }

    [Fact]
    public void Name_IsBulyan() => Assert.Equal("bulyan", new BulyanAggregator(AssumedAttackers.Count(1)).Name);
}
