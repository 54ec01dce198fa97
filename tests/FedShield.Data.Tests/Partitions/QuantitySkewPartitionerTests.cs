using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class QuantitySkewPartitionerTests
{
    private static double StdOfLogSizes(int[][] clients)
    {
        var logs = clients.Select(c => Math.Log(c.Length)).ToArray();
        double mean = logs.Average();
        return Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Length - 1));
    }

    [Fact]
    public void Assign_SigmaOne_LogSizesHaveStandardDeviationNearOne()
    {
        // Sizes ∝ exp(σZ): log sizes are normal with standard deviation σ (the one-sample floor barely matters at
        // 500 samples per client). The sample standard deviation of 400 draws has standard error σ/√798 ≈ 0.035.
        var clients = new QuantitySkewPartitioner(1.0).Assign(new int[200_000], 1, 400, new Random(31));
        Assert.InRange(StdOfLogSizes(clients), 0.85, 1.15);
        Assert.True(clients.Max(c => c.Length) > 5 * clients.Min(c => c.Length));
    }

    [Fact]
    public void Assign_SigmaZero_GivesEqualSizes()
    {
        var clients = new QuantitySkewPartitioner(0).Assign(new int[1003], 1, 10, new Random(32));
        Assert.All(clients, c => Assert.InRange(c.Length, 100, 101));
    }

    [Fact]
    public void Assign_HugeSigma_StillGivesEveryClientOneSample()
    {
        var clients = new QuantitySkewPartitioner(5).Assign(new int[30], 1, 25, new Random(33));
        Assert.All(clients, c => Assert.True(c.Length >= 1));
        Assert.True(PartitionTestData.IsExactCover(clients, 30));
    }

    [Fact]
    public void Create_SamplesInsideClientsAreIid()
    {
        var labels = PartitionTestData.Balanced(60_000, 10, 34);
        var report = PartitionReport.Build(labels, PartitionTestData.Digits, Partition.Create(labels, 10, new QuantitySkewPartitioner(1), 50, seed: 35));
        Assert.InRange(report.MeanTotalVariation, 0.0, 0.1);
    }

    [Fact]
    public void Constructor_NegativeSigma_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantitySkewPartitioner(-0.5));
    }
}
