using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class PartitionReportTests
{
    private static readonly int[] Labels = [0, 0, 1, 1, 2, 2];

    private static PartitionReport TwoClients() =>
        PartitionReport.Build(Labels, ["cat", "dog", "a<b"], Partition.Create(Labels, 3, new FixedPartitioner([0, 1, 2], [3, 4, 5]), 2, seed: 1));

    [Fact]
    public void Build_HandExample_CountsAndStatistics()
    {
        // Client 0 holds labels 0, 0, 1 and client 1 labels 1, 2, 2 of a uniform global distribution:
        // TV = ½(|2/3 − 1/3| + |1/3 − 1/3| + |0 − 1/3|) = 1/3 for each; the largest class holds 2/3.
        var report = TwoClients();
        Assert.Equal([3, 3], report.ClientCounts);
        Assert.Equal([2, 1, 0], report.PerClass[0]);
        Assert.Equal([0, 1, 2], report.PerClass[1]);
        Assert.Equal([0, 0], report.ValidationCounts);
        Assert.Equal((3, 3.0, 3), (report.MinSamples, report.MeanSamples, report.MaxSamples));
        Assert.Equal(2.0, report.MeanClassesPerClient);
        Assert.Equal(1.0 / 3, report.MeanTotalVariation, 1e-12);
        Assert.Equal(2.0 / 3, report.MeanLargestClassShare, 1e-12);
    }

    [Fact]
    public void ToTable_HandExample_IsAlignedWithTotalsAndSummary()
    {
        string expected =
            "fixed over 2 clients, 6 samples, seed 1, validation fraction 0\n" +
            "client  train  valid  cat  dog  a<b\n" +
            "     0      3      0    2    1    0\n" +
            "     1      3      0    0    1    2\n" +
            " total      6      0    2    2    2\n" +
            "samples per client (train + validation): min 3, mean 3.0, max 3\n" +
            "classes per client (train): mean 2.00 of 3; largest class share: mean 0.667\n" +
            "label skew (mean total-variation distance to the dataset's label distribution; 0 = IID): 0.333\n";
        Assert.Equal(expected, TwoClients().ToTable());
    }

    [Fact]
    public void Build_WithValidation_SplitsCountsBetweenTrainAndValidation()
    {
        var labels = PartitionTestData.Balanced(1000, 4, 1);
        var partition = Partition.Create(labels, 4, new IidPartitioner(), 4, seed: 2, validationFraction: 0.1);
        var report = PartitionReport.Build(labels, ["a", "b", "c", "d"], partition);
        Assert.Equal([250, 250, 250, 250], report.ClientCounts);
        Assert.Equal([225, 225, 225, 225], report.TrainCounts);
        Assert.Equal([25, 25, 25, 25], report.ValidationCounts);
        Assert.All(report.ValidationPerClass, row => Assert.Equal(25, row.Sum()));
        Assert.Contains("total    900    100", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MismatchedLabelsOrNames_Throws()
    {
        var partition = Partition.Create(Labels, 3, new IidPartitioner(), 2, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => PartitionReport.Build([0, 1], ["a", "b", "c"], partition));
        Assert.Contains("2 labels for a partition of 6 samples", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PartitionReport.Build(Labels, ["a", "b"], partition));
        Assert.Contains("2 class names for a partition of 3 classes", e.Message, StringComparison.Ordinal);
    }
}
