using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class PartitionTests
{
    [Fact]
    public void Create_ValidationFraction_HoldsOutTheRoundedShareStratifiedByLabel()
    {
        // Client 0: 50 of class 0 and 50 of class 1 → 10 % is 5 of each. Client 1: 10 samples (5, 3, 2 of classes
        // 0, 1, 2) → 20 % is 2, quotas 1.0, 0.6, 0.4 → one of class 0, then the largest remainder (class 1).
        // Client 2 has one sample and keeps it; client 3 has two and keeps both (20 % of 2 rounds to 0).
        var labels = new List<int>();
        labels.AddRange(Enumerable.Repeat(0, 50).Concat(Enumerable.Repeat(1, 50)));
        labels.AddRange([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
        labels.AddRange([2, 1, 0]);
        var clients = new FixedPartitioner(
            [.. Enumerable.Range(0, 100)],
            [.. Enumerable.Range(100, 10)],
            [110],
            [111, 112]);
        var partition = Partition.Create(labels.ToArray(), 3, clients, 4, seed: 9, validationFraction: 0.2);
        int[] Labels(ReadOnlyMemory<int> indices) => [.. indices.ToArray().Select(i => labels[i]).Order()];

        Assert.Equal(20, partition[0].Validation.Length);
        Assert.Equal(10, Labels(partition[0].Validation).Count(l => l == 0));
        Assert.Equal([0, 1], Labels(partition[1].Validation));
        Assert.Equal([110], partition[2].Train.ToArray());
        Assert.Empty(partition[2].Validation.ToArray());
        Assert.Equal([111, 112], partition[3].Train.ToArray());
        Assert.Equal(0, partition[3].Validation.Length);
        Assert.Equal(2, partition[3].Count);
    }

    [Fact]
    public void Create_HighFraction_NeverTakesAllOfAClient()
    {
        var partition = Partition.Create(new int[10], 1, new FixedPartitioner([0, 1], [2, 3, 4, 5, 6, 7, 8, 9]), 2, seed: 1, validationFraction: 0.99);
        Assert.Equal(1, partition[0].Train.Length);
        Assert.Equal(1, partition[0].Validation.Length);
        Assert.Equal(1, partition[1].Train.Length);
        Assert.Equal(7, partition[1].Validation.Length);
    }

    [Theory]
    [InlineData("iid")]
    [InlineData("dirichlet")]
    [InlineData("shards")]
    [InlineData("quantity")]
    public void Create_DifferentSeed_GivesADifferentPartition(string kind)
    {
        var labels = PartitionTestData.Balanced(2000, 10, 1);
        var p = PartitionerFactory.Create(kind, alpha: kind == "dirichlet" ? 0.5 : null);
        var a = Partition.Create(labels, 10, p, 20, seed: 1, validationFraction: 0.1);
        var b = Partition.Create(labels, 10, p, 20, seed: 2, validationFraction: 0.1);
        var c = Partition.Create(labels, 10, p, 20, seed: 1, validationFraction: 0.1);
        Assert.Contains(Enumerable.Range(0, 20), i => !a[i].Train.Span.SequenceEqual(b[i].Train.Span));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(a[i].Validation.ToArray(), c[i].Validation.ToArray()));
    }

    [Fact]
    public void Create_SameSeedDifferentFraction_KeepsTheClientSets()
    {
        // Assignment and validation draw from separate streams, so changing the split leaves each client's samples alone.
        var labels = PartitionTestData.Balanced(500, 5, 2);
        var a = Partition.Create(labels, 5, new DirichletPartitioner(0.5), 5, seed: 3);
        var b = Partition.Create(labels, 5, new DirichletPartitioner(0.5), 5, seed: 3, validationFraction: 0.3);
        Assert.All(Enumerable.Range(0, 5), i =>
            Assert.Equal(a[i].Train.ToArray(), b[i].Train.ToArray().Concat(b[i].Validation.ToArray()).Order()));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Create_FractionOutsideZeroToOne_Throws(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Partition.Create(new int[4], 1, new IidPartitioner(), 2, 1, fraction));
        Assert.Contains("must be in [0, 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FaultyPartitioner_IsCaught()
    {
        static string Fail(params int[][] clients) =>
            Assert.Throws<InvalidOperationException>(() => Partition.Create(new int[4], 1, new FixedPartitioner(clients), 2, 1)).Message;

        Assert.Contains("sample 1 to both client 0 and client 1", Fail([0, 1], [1, 2, 3]), StringComparison.Ordinal);
        Assert.Contains("gave sample 3 to no client", Fail([0, 1], [2]), StringComparison.Ordinal);
        Assert.Contains("gave client 1 sample 4, outside [0, 4)", Fail([0, 1], [2, 3, 4]), StringComparison.Ordinal);
        Assert.Contains("gave client 1 no samples", Fail([0, 1, 2, 3], []), StringComparison.Ordinal);
        Assert.Contains("returned 1 clients; 2 were asked for", Fail([0, 1, 2, 3]), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FromDataset_PartitionsItsLabelsAndDescribesTheRun()
    {
        var dataset = new Dataset("toy/train", new float[12], [1], [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], ["a", "b", "c"]);
        var partition = Partition.Create(dataset, new IidPartitioner(), 3, seed: 5, validationFraction: 0.25);
        Assert.Equal(3, partition.ClientCount);
        Assert.Equal(12, partition.SampleCount);
        Assert.Equal(3, partition.ClassCount);
        Assert.Equal(5, partition.Seed);
        Assert.All(partition.Clients, c => Assert.Equal((4, 1), (c.Count, c.Validation.Length)));
        Assert.Equal([0, 1, 2], partition.Clients.Select(c => c.Client));
        Assert.Equal("iid(equal sizes) over 3 clients, 12 samples, seed 5, validation fraction 0.25", partition.Description);
        Assert.Throws<ArgumentOutOfRangeException>(() => partition[3]);
    }

    [Fact]
    public void Create_LabelOutOfRange_IsRejectedBeforeAnyPartitionerRuns()
    {
        var e = Assert.Throws<ArgumentException>(() => Partition.Create([0, 5], 2, new FixedPartitioner([0], [1]), 2, seed: 1));
        Assert.Contains("fixed partition: label 5 of sample 1 is outside [0, 2)", e.Message, StringComparison.Ordinal);
    }
}
