namespace FedShield.Data.Partitions;

/// <summary>
/// One client's share of a shared dataset: indices of its training samples and of its held-out
/// validation samples, both ascending and disjoint.
/// </summary>
public sealed class ClientPartition
{
    private readonly int[] _train;
    private readonly int[] _validation;

    internal ClientPartition(int client, int[] train, int[] validation)
    {
        Client = client;
        _train = train;
        _validation = validation;
    }

    /// <summary>The client's number, in [0, <see cref="Partition.ClientCount"/>).</summary>
    public int Client { get; }

    /// <summary>Indices (ascending) of the samples the client trains on.</summary>
    public ReadOnlyMemory<int> Train => _train;

    /// <summary>Indices (ascending) of the samples the client holds out for validation; empty when no split was asked for.</summary>
    public ReadOnlyMemory<int> Validation => _validation;

    /// <summary>All of the client's samples: <c>Train.Length + Validation.Length</c>.</summary>
    public int Count => _train.Length + _validation.Length;
}
