using FedShield.Data.Flows;

namespace FedShield.Data.Tests.Flows;

public class SequenceWindowsTests
{
    // Row r of width 2 holds (10r, 10r + 1), so a window's contents name its rows.
    private static float[] Rows(int count)
    {
        var rows = new float[count * 2];
        for (int r = 0; r < count; r++)
        {
            rows[2 * r] = 10 * r;
            rows[(2 * r) + 1] = (10 * r) + 1;
        }

        return rows;
    }

    [Fact]
    public void Build_OneSegment_SlidesByOneAndLabelsWithLastRow()
    {
        var w = SequenceWindows.Build(Rows(5), 2, [0, 1, 0, 1, 1], [5], length: 3, stride: 1);

        Assert.Equal(3, w.Count);
        Assert.Equal(
            [0f, 1, 10, 11, 20, 21, /**/ 10, 11, 20, 21, 30, 31, /**/ 20, 21, 30, 31, 40, 41],
            w.Features);
        Assert.Equal([0, 1, 1], w.Labels);
        Assert.Equal([2, 3, 4], w.LastRows);
        Assert.Equal(3, w.Length);
        Assert.Equal(2, w.Width);
    }

    [Fact]
    public void Build_TwoSegments_NoWindowCrossesTheBoundary()
    {
        var w = SequenceWindows.Build(Rows(5), 2, [7, 8, 9, 5, 6], [3, 2], length: 2, stride: 1);

        // Rows (0,1), (1,2) from the first segment, (3,4) from the second; never (2,3).
        Assert.Equal([0f, 1, 10, 11, /**/ 10, 11, 20, 21, /**/ 30, 31, 40, 41], w.Features);
        Assert.Equal([8, 9, 6], w.Labels);
        Assert.Equal([1, 2, 4], w.LastRows);
    }

    [Fact]
    public void Build_Stride_StartsEveryStrideRowsFromEachSegmentStart()
    {
        // Segment of 7: starts 0, 2, 4 (4 + 3 = 7 fits). Segment of 4: start 7 only (9 + 3 > 11).
        var w = SequenceWindows.Build(Rows(11), 2, Enumerable.Range(0, 11).ToArray(), [7, 4], length: 3, stride: 2);

        Assert.Equal([2, 4, 6, 9], w.LastRows);
        Assert.Equal([2, 4, 6, 9], w.Labels);
        Assert.Equal([70f, 71, 80, 81, 90, 91], w.Features.AsSpan(3 * 6).ToArray());
    }

    [Fact]
    public void Build_SegmentsShorterThanWindow_YieldNoWindows()
    {
        var w = SequenceWindows.Build(Rows(5), 2, [0, 0, 1, 1, 1], [1, 2, 0, 2], length: 3, stride: 1);

        Assert.Equal(0, w.Count);
        Assert.Empty(w.Features);
        Assert.Empty(w.LastRows);
    }

    [Fact]
    public void Build_LengthOne_ReturnsEveryRowInOrder()
    {
        var rows = Rows(4);
        var w = SequenceWindows.Build(rows, 2, [3, 2, 1, 0], [2, 2], length: 1, stride: 1);

        Assert.Equal(rows, w.Features);
        Assert.Equal([3, 2, 1, 0], w.Labels);
    }

    [Fact]
    public void Build_RandomCases_MatchElementwiseReference()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int width = random.Next(1, 4);
            int length = random.Next(1, 6);
            int stride = random.Next(1, 4);
            var segments = new int[random.Next(0, 5)];
            for (int s = 0; s < segments.Length; s++)
            {
                segments[s] = random.Next(0, 12);
            }

            int n = segments.Sum();
            var rows = new float[n * width];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = random.Next(-100, 100);
            }

            var labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = random.Next(0, 3);
            }

            var w = SequenceWindows.Build(rows, width, labels, segments, length, stride);

            // Reference: enumerate candidate end rows and keep those whose window starts inside the
            // segment at a multiple of the stride.
            var expectedLast = new List<int>();
            int segmentStart = 0;
            foreach (int len in segments)
            {
                for (int last = segmentStart; last < segmentStart + len; last++)
                {
                    int start = last - length + 1;
                    if (start >= segmentStart && (start - segmentStart) % stride == 0)
                    {
                        expectedLast.Add(last);
                    }
                }

                segmentStart += len;
            }

            Assert.Equal(expectedLast, w.LastRows);
            Assert.Equal(expectedLast.Select(r => labels[r]), w.Labels);
            for (int k = 0; k < w.Count; k++)
            {
                for (int t = 0; t < length; t++)
                {
                    for (int f = 0; f < width; f++)
                    {
                        int row = expectedLast[k] - length + 1 + t;
                        Assert.Equal(rows[(row * width) + f], w.Features[(((k * length) + t) * width) + f]);
                    }
                }
            }
        }
    }

    [Fact]
    public void Build_SegmentLengthsNotSummingToRows_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SequenceWindows.Build(Rows(5), 2, new int[5], [2, 2], 2, 1));
        Assert.Contains("sum to 4, expected the row count 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NegativeSegmentOrBadSizes_Throw()
    {
        Assert.Throws<ArgumentException>(() => SequenceWindows.Build(Rows(2), 2, new int[2], [3, -1], 1, 1));
        Assert.Throws<ArgumentException>(() => SequenceWindows.Build(Rows(2), 2, new int[3], [3], 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceWindows.Build(Rows(2), 2, new int[2], [2], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceWindows.Build(Rows(2), 2, new int[2], [2], 1, 0));
    }

    [Theory]
    [InlineData(0, 3, 1, 0)]
    [InlineData(2, 3, 1, 0)]
    [InlineData(3, 3, 1, 1)]
    [InlineData(10, 3, 1, 8)]
    [InlineData(10, 3, 3, 3)]
    [InlineData(10, 3, 4, 2)]
    public void CountWindows_Formula_MatchesHandCount(int rows, int length, int stride, int expected)
    {
        Assert.Equal(expected, SequenceWindows.CountWindows(rows, length, stride));
    }
}
