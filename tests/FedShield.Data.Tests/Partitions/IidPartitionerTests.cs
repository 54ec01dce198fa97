using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class IidPartitionerTests
{
    [Fact]
    public void Assign_EqualShares_SizesDifferByAtMostOne()
    {
        var clients = new IidPartitioner().Assign(PartitionTestData.Uniform(1003, 4, 1), 4, 10, new Random(2));
        Assert.Equal(1003, clients.Sum(c => c.Length));
        Assert.All(clients, c => Assert.InRange(c.Length, 100, 101));
        Assert.Equal(3, clients.Count(c => c.Length == 101));
    }

    [Fact]
    public void Create_TenClientsOfTenThousandBalancedLabels_LabelDistributionsAreCloseToGlobal()
    {
        // 1,000 samples per client over 10 equally likely classes: each class share has standard deviation
        // ≈ √(0.09 / 1000) ≈ 0.0095, so the expected total-variation distance is ≈ ½·10·0.8·0.0095 ≈ 0.038.
        var labels = PartitionTestData.Balanced(10_000, 10, 3);
        var report = PartitionReport.Build(labels, PartitionTestData.Digits, Partition.Create(labels, 10, new IidPartitioner(), 10, seed: 4));
        Assert.InRange(report.MeanTotalVariation, 0.0, 0.06);
        Assert.Equal(10.0, report.MeanClassesPerClient);
        Assert.All(report.PerClass, row => Assert.All(row, n => Assert.InRange(n, 60, 140)));
    }

    [Fact]
    public void Assign_WithSizes_GivesExactlyThoseSizesOfDistinctSamples()
    {
        var clients = IidPartitioner.WithSizes([5, 300, 695]).Assign(PartitionTestData.Uniform(1000, 3, 1), 3, 3, new Random(9));
        Assert.Equal([5, 300, 695], clients.Select(c => c.Length));
        Assert.Equal(1000, clients.SelectMany(c => c).Distinct().Count());
    }

    [Fact]
    public void Assign_WithSizesNotSummingToTheSampleCount_SaysWhatWasExpected()
    {
        var e = Assert.Throws<ArgumentException>(() => IidPartitioner.WithSizes([5, 300]).Assign(PartitionTestData.Uniform(1000, 3, 1), 3, 2, new Random(9)));
        Assert.Contains("2 client sizes summing to 305 were given for 2 clients and 1000 samples", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => IidPartitioner.WithSizes([5, 0]));
    }

    [Fact]
    public void Assign_Fractions_GivesLargestRemainderSizes()
    {
        var p = new IidPartitioner([0.5, 0.3, 0.2]);
        Assert.Equal([500, 300, 200], p.Assign(new int[1000], 1, 3, new Random(1)).Select(c => c.Length));

        // Quotas 3.5, 2.1, 1.4 → floors 3, 2, 1 and the one left over goes to the largest remainder (0.5).
        Assert.Equal([4, 2, 1], p.Assign(new int[7], 1, 3, new Random(1)).Select(c => c.Length));
    }

    [Fact]
    public void Constructor_FractionsNotSummingToOne_SaysWhatTheySumTo()
    {
        var e = Assert.Throws<ArgumentException>(() => new IidPartitioner([0.5, 0.6]));
        Assert.Contains("sum to 1.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonPositiveFraction_NamesTheClient()
    {
        var e = Assert.Throws<ArgumentException>(() => new IidPartitioner([1.0, 0.0]));
        Assert.Contains("fraction 0 of client 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_FractionCountDiffersFromClients_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new IidPartitioner([0.5, 0.5]).Assign(new int[10], 1, 3, new Random(1)));
        Assert.Contains("2 client fractions were given for 3 clients", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_FractionTooSmallForOneSample_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new IidPartitioner([0.99, 0.01]).Assign(new int[10], 1, 2, new Random(1)));
        Assert.Contains("client 1 gives it no sample out of 10", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "client count 0 must be in [1, 5]")]
    [InlineData(6, "client count 6 must be in [1, 5]")]
    public void Assign_ClientCountOutOfRange_SaysTheRange(int clients, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new IidPartitioner().Assign(new int[5], 1, clients, new Random(1)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_LabelOutOfRange_NamesTheSample()
    {
        var e = Assert.Throws<ArgumentException>(() => new IidPartitioner().Assign([0, 1, 2], 2, 1, new Random(1)));
        Assert.Contains("label 2 of sample 2 is outside [0, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_NoSamples_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new IidPartitioner().Assign([], 2, 1, new Random(1)));
        Assert.Contains("no samples", e.Message, StringComparison.Ordinal);
    }
}
