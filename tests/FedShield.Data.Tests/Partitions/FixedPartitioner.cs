using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

/// <summary>A partitioner that returns a given assignment, right or wrong, to test what is done with it.</summary>
internal sealed class FixedPartitioner(params int[][] clients) : IPartitioner
{
    public string Name => "fixed";

    public string Describe() => "fixed";

    public int[][] Assign(ReadOnlySpan<int> labels, int classCount, int clientCount, Random random) =>
        [.. clients.Select(c => (int[])c.Clone())];
}
