namespace FedShield.Data.Partitions;

/// <summary>
/// Pathological non-IID partition of McMahan et al. (2017): samples sorted by label are cut into
/// <c>shardsPerClient × clientCount</c> contiguous shards and each client gets <see cref="ShardsPerClient"/>
/// shards chosen at random. With MNIST's 60,000 samples, 100 clients and 2 shards each, the 200 shards hold
/// 300 samples and most clients see only two digits.
/// </summary>
/// <remarks>
/// The sort is stable by label with a seeded shuffle inside each class, so a shard is a random sample of one
/// class. A shard holds a single label when the shard boundaries fall on class boundaries (for example classes
/// of 6,000 samples and shards of 300); when class sizes are not multiples of the shard size, a few shards
/// straddle two classes. When the sample count is not a multiple of the shard count, nothing is dropped:
/// shard s spans sorted positions [⌊s·n/S⌋, ⌊(s+1)·n/S⌋), so shard sizes differ by at most 1.
/// </remarks>
public sealed class ShardPartitioner : IPartitioner
{
    /// <summary>Creates the partitioner.</summary>
    /// <param name="shardsPerClient">Shards per client, at least 1 (McMahan et al. use 2).</param>
    /// <exception cref="ArgumentOutOfRangeException">The shard count is below 1.</exception>
    public ShardPartitioner(int shardsPerClient = 2)
    {
        if (shardsPerClient < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shardsPerClient), $"Shard partition: {shardsPerClient} shards per client must be at least 1.");
        }

        ShardsPerClient = shardsPerClient;
    }

    /// <summary>Shards per client.</summary>
    public int ShardsPerClient { get; }

    /// <inheritdoc/>
    public string Name => "shards";

    /// <inheritdoc/>
    public string Describe() => $"shards({ShardsPerClient} per client)";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">There are fewer samples than shards.</exception>
    public int[][] Assign(ReadOnlySpan<int> labels, int classCount, int clientCount, Random random)
    {
        PartitionMath.Validate("Shard", labels, classCount, clientCount, random);
        long shardCount = (long)clientCount * ShardsPerClient;
        if (shardCount > labels.Length)
        {
            throw new ArgumentException($"Shard partition: {clientCount} clients × {ShardsPerClient} shards = {shardCount} shards need at least {shardCount} samples; there are {labels.Length}.", nameof(clientCount));
        }

        var draws = new RandomDraws(random);
        var sorted = new int[labels.Length];
        int next = 0;
        foreach (var members in PartitionMath.ByClass(labels, classCount))
        {
            draws.Shuffle(members);
            members.CopyTo(sorted, next);
            next += members.Length;
        }

        var shardSizes = PartitionMath.EqualSizes(labels.Length, (int)shardCount);
        var shardStarts = new int[(int)shardCount];
        for (int s = 1; s < shardCount; s++)
        {
            shardStarts[s] = shardStarts[s - 1] + shardSizes[s - 1];
        }

        var shardOrder = PartitionMath.Sequence((int)shardCount);
        draws.Shuffle(shardOrder);
        var clients = new int[clientCount][];
        for (int c = 0; c < clientCount; c++)
        {
            var mine = shardOrder.AsSpan(c * ShardsPerClient, ShardsPerClient);
            int size = 0;
            foreach (int s in mine)
            {
                size += shardSizes[s];
            }

            clients[c] = new int[size];
            int filled = 0;
            foreach (int s in mine)
            {
                sorted.AsSpan(shardStarts[s], shardSizes[s]).CopyTo(clients[c].AsSpan(filled));
                filled += shardSizes[s];
            }
        }

        return clients;
    }
}
