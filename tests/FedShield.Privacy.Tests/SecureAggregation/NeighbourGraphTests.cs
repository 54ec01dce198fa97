using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class NeighbourGraphTests
{
    [Theory]
    [InlineData(5, 2)]
    [InlineData(10, 4)]
    [InlineData(20, 12)]
    [InlineData(21, 18)]
    [InlineData(100, 54)]
    public void Draw_EvenDegree_GivesASymmetricKRegularGraphWithoutLoops(int m, int k)
    {
        var random = new Random(m * 100 + k);
        var graph = NeighbourGraph.Draw(m, k, random.Next);
        Assert.Equal(m, graph.Length);
        for (var i = 0; i < m; i++)
        {
            Assert.Equal(k, graph[i].Length);
            Assert.Equal(k, graph[i].Distinct().Count());
            Assert.DoesNotContain(i, graph[i]);
            Assert.Equal(graph[i].Order(), graph[i]);
            Assert.All(graph[i], j => Assert.Contains(i, graph[j]));
        }
    }

    [Fact]
    public void Draw_DegreeAtLeastMembersMinusOne_IsComplete()
    {
        var graph = NeighbourGraph.Draw(4, 3, _ => throw new InvalidOperationException("a complete graph needs no randomness"));
        Assert.Equal([1, 2, 3], graph[0]);
        Assert.Equal([0, 1, 2], graph[3]);
        Assert.Equal([0, 2, 3], NeighbourGraph.Draw(4, 8, _ => 0)[1]);
    }

    [Fact]
    public void Draw_OddDegreeBelowComplete_IsRejected() =>
        Assert.Throws<ArgumentException>(() => NeighbourGraph.Draw(10, 3, _ => 0));

    [Fact]
    public void Draw_DifferentRandomness_GivesDifferentGraphs()
    {
        var a = NeighbourGraph.Draw(30, 4, new Random(1).Next);
        var b = NeighbourGraph.Draw(30, 4, new Random(2).Next);
        Assert.NotEqual(a.SelectMany(x => x), b.SelectMany(x => x));
    }
}
