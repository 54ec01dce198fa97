using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class CoordinateBlocksTests
{
    [Fact]
    public void Median_EveryLengthUpTo256_MatchesTheNaiveMedian()
    {
        for (int d = 0; d <= 256; d++)
        {
            var updates = Random(d, 6, d);
            Assert.Equal(NaiveMedian(updates), new MedianAggregator().Aggregate(updates).Delta);
        }
    }

    [Fact]
    public void TrimmedMean_EveryLengthUpTo256_MatchesTheNaiveTrimmedMean()
    {
        for (int d = 0; d <= 256; d++)
        {
            var updates = Random(d + 1000, 7, d);
            Assert.Equal(NaiveTrimmedMean(updates, 1), new TrimmedMeanAggregator(0.15).Aggregate(updates).Delta);
        }
    }

    [Fact]
    public void Distances_EveryLengthUpTo256_MatchTheNaiveReference()
    {
        for (int d = 0; d <= 256; d++)
        {
            var updates = Random(d + 2000, 6, d);
            var fast = SquaredDistanceMatrix.Compute(updates, d);
            var naive = SquaredDistanceMatrix.ComputeReference([.. updates.Select(u => u.Values)]);
            for (int i = 0; i < fast.Length; i++)
            {
                Assert.True(Math.Abs(fast[i] - naive[i]) <= 1e-5 * Math.Max(1, naive[i]), $"d = {d}, entry {i}: {fast[i]} vs {naive[i]}");
            }
        }
    }

    [Fact]
    public void Mean_EveryLengthUpTo256_MatchesTheNaiveWeightedMean()
    {
        for (int d = 0; d <= 256; d++)
        {
            var updates = Random(d + 3000, 4, d);
            var mean = RobustMath.Mean(updates, d, weighted: true);
            double weight = updates.Sum(u => (double)u.SampleCount);
            for (int k = 0; k < d; k++)
            {
                double s = 0;
                foreach (var u in updates)
                {
                    s += u.SampleCount * (double)u.Values[k];
                }

                Assert.Equal((float)(s / weight), mean[k]);
            }
        }
    }
}
