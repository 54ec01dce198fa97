using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class ShardPartitionerTests
{
    [Fact]
    public void Assign_McMahanSetting_EveryClientHasTwoSingleLabelShards()
    {
        // 60,000 labels, 10 classes of 6,000, 100 clients × 2 shards = 200 shards of 300: shard boundaries fall
        // on class boundaries, so every shard holds one label and a client has 1 or 2 labels, each a multiple of
        // 300 samples. A client's second shard shares its first shard's class with probability 19/199 ≈ 0.095,
        // so about 90 clients (standard deviation ≈ 3) have exactly two labels.
        var labels = PartitionTestData.Balanced(60_000, 10, 21);
        var clients = new ShardPartitioner(2).Assign(labels, 10, 100, new Random(22));
        Assert.True(PartitionTestData.IsExactCover(clients, labels.Length));
        var clientLabels = PartitionTestData.LabelsOf(clients, labels);
        Assert.All(clientLabels, l =>
        {
            Assert.Equal(600, l.Length);
            var perLabel = l.GroupBy(x => x).Select(g => g.Count()).ToArray();
            Assert.InRange(perLabel.Length, 1, 2);
            Assert.All(perLabel, n => Assert.Equal(0, n % 300));
        });
        Assert.InRange(clientLabels.Count(l => l.Distinct().Count() == 2), 80, 100);
    }

    [Fact]
    public void Assign_ShardsAreContiguousInLabelOrder()
    {
        // 3 classes of 4 samples, 3 clients × 2 shards of 2: each shard is two samples of one class, so a client
        // holds an even number of each of its labels.
        int[] labels = [2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1];
        var clients = new ShardPartitioner(2).Assign(labels, 3, 3, new Random(4));
        Assert.All(PartitionTestData.LabelsOf(clients, labels), l =>
            Assert.All(l.GroupBy(x => x), g => Assert.Equal(0, g.Count() % 2)));
    }

    [Fact]
    public void Assign_CountNotDivisible_AssignsEverySampleInShardsDifferingByOne()
    {
        // 1,001 samples in 20 shards: shard s spans [⌊s·1001/20⌋, ⌊(s+1)·1001/20⌋), 50 or 51 samples (one shard of 51).
        var labels = PartitionTestData.Uniform(1001, 5, 1);
        var clients = new ShardPartitioner(2).Assign(labels, 5, 10, new Random(2));
        Assert.True(PartitionTestData.IsExactCover(clients, 1001));
        Assert.All(clients, c => Assert.InRange(c.Length, 100, 101));
        Assert.Equal(1, clients.Count(c => c.Length == 101));
    }

    [Fact]
    public void Assign_MoreShardsThanSamples_SaysHowManyAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => new ShardPartitioner(3).Assign(new int[20], 1, 10, new Random(1)));
        Assert.Contains("10 clients × 3 shards = 30 shards need at least 30 samples; there are 20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoShards_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardPartitioner(0));
    }
}
