namespace FedShield.Attacks.Tests;

public class MaliciousClientsTests
{
    [Theory]
    [InlineData(10, 0.25, 3)]
    [InlineData(10, 0.2, 2)]
    [InlineData(10, 0.0, 0)]
    [InlineData(7, 1.0, 7)]
    [InlineData(3, 0.1, 0)]
    [InlineData(0, 0.5, 0)]
    [InlineData(100, 0.2, 20)]
    [InlineData(5, 0.3, 2)]
    public void CountFor_RoundsToNearestWithHalvesUp(int clients, double fraction, int expected) =>
        Assert.Equal(expected, MaliciousClients.CountFor(clients, fraction));

    [Theory]
    [InlineData(-1, 0.1)]
    [InlineData(10, 1.1)]
    [InlineData(10, -0.1)]
    [InlineData(10, double.NaN)]
    public void CountFor_BadInput_IsRejected(int clients, double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MaliciousClients.CountFor(clients, fraction));

    [Fact]
    public void Choose_IsDeterministicSortedDistinctAndIgnoresInputOrder()
    {
        var ids = Enumerable.Range(0, 50).Select(i => 3 * i).ToArray();
        var chosen = MaliciousClients.Choose(ids, 10, runSeed: 42);

        Assert.Equal(10, chosen.Count);
        Assert.Equal(chosen.Order(), chosen);
        Assert.Equal(10, chosen.Distinct().Count());
        Assert.All(chosen, id => Assert.Contains(id, ids));
        Assert.Equal(chosen, MaliciousClients.Choose(ids, 10, runSeed: 42));
        Assert.Equal(chosen, MaliciousClients.Choose([.. ids.Reverse()], 10, runSeed: 42));
        Assert.NotEqual(chosen, MaliciousClients.Choose(ids, 10, runSeed: 43));
    }

    [Fact]
    public void Choose_EdgeCounts()
    {
        Assert.Empty(MaliciousClients.Choose([1, 2, 3], 0, 1));
        Assert.Equal([1, 2, 3], MaliciousClients.Choose([3, 1, 2], 3, 1));
        Assert.Empty(MaliciousClients.Choose([], 0, 1));
    }

    [Fact]
    public void Choose_IsUniformOverSeeds()
    {
        var counts = new int[10];
        for (int seed = 0; seed < 2000; seed++)
        {
            foreach (int id in MaliciousClients.Choose([.. Enumerable.Range(0, 10)], 3, seed))
            {
                counts[id]++;
            }
        }

        // Each id is chosen with probability 0.3: 600 of 2000 expected, standard deviation ≈ 20.5.
        Assert.All(counts, c => Assert.InRange(c, 520, 680));
    }

    [Fact]
    public void Choose_BadInput_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MaliciousClients.Choose([1, 2], 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaliciousClients.Choose([1, 2], -1, 0));
        var duplicate = Assert.Throws<ArgumentException>(() => MaliciousClients.Choose([1, 2, 1], 1, 0));
        Assert.Contains("client id 1 appears twice", duplicate.Message, StringComparison.Ordinal);
    }
}
