using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class DirichletPartitionerTests
{
    private static readonly int[] Mnist = PartitionTestData.Balanced(60_000, 10, 7);

    private static PartitionReport Report(double alpha, int seed) =>
        PartitionReport.Build(Mnist, PartitionTestData.Digits, Partition.Create(Mnist, 10, new DirichletPartitioner(alpha), 100, seed));

    [Fact]
    public void Create_AlphaThousand_IsNearlyIid()
    {
        // With α = 1000 over 100 clients a client's share of a class has mean 0.01 and relative standard
        // deviation √(0.99 / 100,001) ≈ 3 %, so each class share of a client is 0.1 ± 0.003 and the expected
        // TV distance is ≈ ½·10·0.8·0.003 ≈ 0.012 (an IID split of 600 samples per client gives ≈ 0.05).
        var report = Report(1000, seed: 1);
        Assert.InRange(report.MeanTotalVariation, 0.0, 0.03);
        Assert.Equal(10.0, report.MeanClassesPerClient);
        Assert.InRange(report.MinSamples, 550, 600);
        Assert.InRange(report.MaxSamples, 600, 650);
    }

    [Fact]
    public void Create_AlphaPointOne_IsStronglySkewed()
    {
        // With α = 0.1 a client's share of a class is Beta(0.1, 9.9): usually almost nothing, now and then a
        // large part of the class. A client's data is then dominated by the one or two classes in which it drew
        // a large share. Over seeds 1-5 the mean TV distance was 0.69-0.72 and 70-81 of 100 clients had ≥ 80 %
        // of their samples in their two largest classes; the thresholds leave a wide margin below that.
        var report = Report(0.1, seed: 1);
        Assert.InRange(report.MeanTotalVariation, 0.55, 1.0);
        int dominated = report.PerClass.Count(row => row.OrderDescending().Take(2).Sum() >= 0.8 * row.Sum());
        Assert.InRange(dominated, 50, 100);
        Assert.InRange(report.MeanClassesPerClient, 1.0, 7.0);
    }

    [Fact]
    public void Create_SmallerAlpha_GivesMoreSkew()
    {
        double[] tv = [.. new[] { 1000, 10, 1, 0.1 }.Select(a => Report(a, seed: 2).MeanTotalVariation)];
        Assert.True(tv[0] < tv[1] && tv[1] < tv[2] && tv[2] < tv[3], string.Join(", ", tv));
    }

    [Fact]
    public void Assign_Minimum_EveryClientGetsAtLeastIt()
    {
        var clients = new DirichletPartitioner(0.5, minSamplesPerClient: 200).Assign(Mnist, 10, 100, new Random(3));
        Assert.All(clients, c => Assert.True(c.Length >= 200, $"a client got {c.Length}"));
    }

    [Fact]
    public void Assign_MinimumNeverReached_GivesUpWithAdvice()
    {
        // α = 0.01 puts nearly all of each class on one client: 50 clients can never all get 2 of 100 samples.
        var e = Assert.Throws<ArgumentException>(() =>
            new DirichletPartitioner(0.01, minSamplesPerClient: 2).Assign(PartitionTestData.Balanced(100, 2, 1), 2, 50, new Random(1)));
        Assert.Contains($"in each of {DirichletPartitioner.MaxAttempts} draws", e.Message, StringComparison.Ordinal);
        Assert.Contains("raise alpha, lower the minimum, or use fewer clients", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_TooFewSamplesForTheMinimum_SaysHowManyAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => new DirichletPartitioner(1, 10).Assign(new int[99], 1, 10, new Random(1)));
        Assert.Contains("10 clients × at least 10 samples need 100 samples; there are 99", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadAlpha_Throws(double alpha)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DirichletPartitioner(alpha));
        Assert.Contains("must be positive and finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MinimumBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DirichletPartitioner(1, minSamplesPerClient: 0));
    }

    [Fact]
    public void Describe_NamesAlphaAndMinimum()
    {
        Assert.Equal("dirichlet(alpha=0.5, min=3)", new DirichletPartitioner(0.5, 3).Describe());
    }
}
