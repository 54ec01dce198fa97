namespace FedShield.Data.Partitions;

/// <summary>
/// Splits the samples of a shared dataset among federated clients. A partitioner only chooses indices;
/// the samples stay in the one read-only <see cref="Dataset"/> every client reads from.
/// </summary>
/// <remarks>
/// Implementations draw every random choice from the <see cref="Random"/> they are given, so one seed
/// gives one partition. <see cref="Partition.Create(ReadOnlySpan{int}, int, IPartitioner, int, int, double)"/>
/// checks the result: every index in [0, labels.Length) assigned to exactly one client, no client empty.
/// </remarks>
public interface IPartitioner
{
    /// <summary>The kind, as the command line spells it: <c>iid</c>, <c>dirichlet</c>, <c>shards</c>, <c>quantity</c>.</summary>
    string Name { get; }

    /// <summary>The kind with its parameters, e.g. <c>dirichlet(alpha=0.5, min=1)</c>, for reports and run records.</summary>
    string Describe();

    /// <summary>
    /// Assigns every sample to one client. Returns, for each of the <paramref name="clientCount"/> clients,
    /// the indices of its samples into <paramref name="labels"/> (in no particular order).
    /// </summary>
    /// <param name="labels">The label of every sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="clientCount">Number of clients, in [1, labels.Length].</param>
    /// <param name="random">The only source of randomness.</param>
    /// <exception cref="ArgumentException">An argument is out of range, or the partitioner's own constraints cannot be met (the message says which and why).</exception>
    int[][] Assign(ReadOnlySpan<int> labels, int classCount, int clientCount, Random random);
}
