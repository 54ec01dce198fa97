namespace FedShield.Robust.Tests;

public class CoordinateSortingNetworkTests
{
    private static int Width => CoordinateBlocks.Width;

    // rows × Width values, small integers so that ties are frequent.
    private static float[] RandomBlock(Random random, int rows) =>
        [.. Enumerable.Range(0, rows * Width).Select(_ => (float)random.Next(-20, 21))];

    private static float[] ColumnOf(float[] block, int rows, int lane) =>
        [.. Enumerable.Range(0, rows).Select(r => block[r * Width + lane])];

    [Fact]
    public void Sorting_AnyRowCountUpTo70_SortsEveryColumn()
    {
        var random = new Random(11);
        for (int n = 0; n <= 70; n++)
        {
            var block = RandomBlock(random, n);
            var expected = Enumerable.Range(0, Width).Select(l => ColumnOf(block, n, l).Order().ToArray()).ToArray();

            CoordinateSortingNetwork.Sorting(n).Apply(block, Width);

            for (int l = 0; l < Width; l++)
            {
                Assert.Equal(expected[l], ColumnOf(block, n, l));
            }
        }
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(7, 3, 4)]
    [InlineData(8, 3, 5)]
    [InlineData(50, 5, 45)]
    [InlineData(33, 0, 33)]
    [InlineData(100, 49, 51)]
    public void Selecting_Unordered_LeavesTheSortedMultisetInTheRange(int n, int from, int to)
    {
        var random = new Random(n * 31 + from);
        var block = RandomBlock(random, n);
        var expected = Enumerable.Range(0, Width).Select(l => ColumnOf(block, n, l).Order().ToArray()[from..to]).ToArray();

        var network = CoordinateSortingNetwork.Selecting(n, from, to, ordered: false);
        network.Apply(block, Width);

        Assert.True(network.ComparatorCount <= CoordinateSortingNetwork.Sorting(n).ComparatorCount);
        for (int l = 0; l < Width; l++)
        {
            Assert.Equal(expected[l], ColumnOf(block, n, l)[from..to].Order());
        }
    }

    [Theory]
    [InlineData(10, 1, 9)]
    [InlineData(50, 5, 45)]
    [InlineData(100, 10, 90)]
    public void Selecting_Ordered_SortsTheRange(int n, int from, int to)
    {
        var block = RandomBlock(new Random(n), n);
        var expected = Enumerable.Range(0, Width).Select(l => ColumnOf(block, n, l).Order().ToArray()[from..to]).ToArray();

        CoordinateSortingNetwork.Selecting(n, from, to, ordered: true).Apply(block, Width);

        for (int l = 0; l < Width; l++)
        {
            Assert.Equal(expected[l], ColumnOf(block, n, l)[from..to]);
        }
    }

    [Fact]
    public void Selecting_Median_DropsComparatorsAndWholeRangeUnorderedNeedsNone()
    {
        Assert.True(CoordinateSortingNetwork.Selecting(100, 49, 51, ordered: false).ComparatorCount < CoordinateSortingNetwork.Sorting(100).ComparatorCount);
        Assert.Equal(0, CoordinateSortingNetwork.Selecting(20, 0, 20, ordered: false).ComparatorCount);
        Assert.Equal(CoordinateSortingNetwork.Sorting(16).ComparatorCount, CoordinateSortingNetwork.Selecting(16, 0, 16, ordered: true).ComparatorCount);
    }

    [Fact]
    public void Sorting_PowerOfTwo_HasBatchersComparatorCount()
    {
        // Batcher's odd–even merge sort: (p² − p + 4)·2^(p−2) − 1 comparators for 2^p inputs.
        Assert.Equal(19, CoordinateSortingNetwork.Sorting(8).ComparatorCount);
        Assert.Equal(63, CoordinateSortingNetwork.Sorting(16).ComparatorCount);
        Assert.Equal(543, CoordinateSortingNetwork.Sorting(64).ComparatorCount);
    }

    [Fact]
    public void Apply_WidthNotAVectorMultiple_Throws()
    {
        var network = CoordinateSortingNetwork.Sorting(3);
        Assert.Throws<ArgumentException>(() => network.Apply(new float[3 * Width], Width + 1));
        Assert.Throws<ArgumentException>(() => network.Apply(new float[2 * Width], Width));
    }
}
