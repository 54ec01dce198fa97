using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class SquaredDistanceMatrixTests
{
    [Fact]
    public void Compute_SmallCase_MatchesHandComputedDistances()
    {
        // (0,0), (1,0), (0,2), (2,2): squared distances 1, 4, 8, 5, 5, 4.
        var updates = Updates([0f, 0f], [1f, 0f], [0f, 2f], [2f, 2f]);

        var d = SquaredDistanceMatrix.Compute(updates, 2);

        Assert.Equal([0, 1, 4, 8, 1, 0, 5, 5, 4, 5, 0, 4, 8, 5, 4, 0], d);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 1)]
    [InlineData(5, 17)]
    [InlineData(7, 1030)]
    [InlineData(9, 40_000)]
    [InlineData(13, 2049)]
    public void Compute_AnyShape_MatchesNaiveReference(int n, int d)
    {
        var updates = Random(n * 1000 + d, n, d);

        var fast = SquaredDistanceMatrix.Compute(updates, d);
        var naive = SquaredDistanceMatrix.ComputeReference([.. updates.Select(u => u.Values)]);

        for (int i = 0; i < n * n; i++)
        {
            Assert.True(Math.Abs(fast[i] - naive[i]) <= 1e-5 * Math.Max(1, naive[i]), $"entry {i}: {fast[i]} vs {naive[i]}");
        }
    }

    [Fact]
    public void Compute_PermutedRows_PermutesTheMatrixBitForBit()
    {
        var updates = Random(3, 11, 3001);
        var order = Shuffled(Enumerable.Range(0, 11).Select(i => Update(i)).ToArray(), 5).Select(u => u.ClientId).ToArray();
        var permuted = order.Select(i => updates[i]).ToArray();

        var d = SquaredDistanceMatrix.Compute(updates, 3001);
        var p = SquaredDistanceMatrix.Compute(permuted, 3001);

        for (int i = 0; i < 11; i++)
        {
            for (int j = 0; j < 11; j++)
            {
                Assert.Equal(d[order[i] * 11 + order[j]], p[i * 11 + j]);
                Assert.Equal(d[i * 11 + j], d[j * 11 + i]);
            }
        }
    }

    [Fact]
    public void Compute_OverflowingDifference_GivesInfinityWithoutThrowing()
    {
        var updates = Updates([3e38f, 0f], [-3e38f, 0f], [0f, 1f]);

        var d = SquaredDistanceMatrix.Compute(updates, 2);

        Assert.Equal(double.PositiveInfinity, d[1]);
        Assert.Equal(double.PositiveInfinity, d[3]);
        Assert.True(d[2] > 8e76);
        Assert.Equal(0, d[0]);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Compute_NonFiniteValue_ThrowsNamingClientAndIndex(float bad)
    {
        var updates = Random(1, 4, 100);
        updates[2].Values[57] = bad;

        var ex = Assert.Throws<ArgumentException>(() => SquaredDistanceMatrix.Compute(updates, 100));

        Assert.Contains("client 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index 57", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EmptyVectors_AllZero()
    {
        Assert.Equal(new double[9], SquaredDistanceMatrix.Compute(Updates([], [], []), 0));
    }
}
