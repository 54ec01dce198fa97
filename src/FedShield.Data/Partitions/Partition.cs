using System.Globalization;

namespace FedShield.Data.Partitions;

/// <summary>
/// The samples of one shared dataset split among federated clients, each with a training part and a
/// held-out validation part. Built once per run from a seed: the same labels, partitioner, client count,
/// seed and fraction always give bit-identical index arrays.
/// </summary>
public sealed class Partition
{
    private readonly ClientPartition[] _clients;

    private Partition(ClientPartition[] clients, int sampleCount, int classCount, int seed, double validationFraction, string description)
    {
        _clients = clients;
        SampleCount = sampleCount;
        ClassCount = classCount;
        Seed = seed;
        ValidationFraction = validationFraction;
        Description = description;
    }

    /// <summary>Number of clients.</summary>
    public int ClientCount => _clients.Length;

    /// <summary>Number of samples in the partitioned dataset; every one belongs to exactly one client.</summary>
    public int SampleCount { get; }

    /// <summary>Number of classes of the partitioned dataset.</summary>
    public int ClassCount { get; }

    /// <summary>The seed the partition was drawn from.</summary>
    public int Seed { get; }

    /// <summary>The fraction of each client's samples held out for validation.</summary>
    public double ValidationFraction { get; }

    /// <summary>The partitioner, client count, sample count, seed and validation fraction, in words.</summary>
    public string Description { get; }

    /// <summary>All clients, in order.</summary>
    public IReadOnlyList<ClientPartition> Clients => _clients;

    /// <summary>Client <paramref name="client"/>'s share.</summary>
    public ClientPartition this[int client]
    {
        get
        {
            if ((uint)client >= (uint)_clients.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(client), $"Client {client} is outside [0, {_clients.Length}).");
            }

            return _clients[client];
        }
    }

    /// <summary>Partitions <paramref name="dataset"/> by its labels; see <see cref="Create(ReadOnlySpan{int}, int, IPartitioner, int, int, double)"/>.</summary>
    public static Partition Create(Dataset dataset, IPartitioner partitioner, int clientCount, int seed, double validationFraction = 0.0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Create(dataset.Labels.Span, dataset.ClassCount, partitioner, clientCount, seed, validationFraction);
    }

    /// <summary>
    /// Splits the samples with the given <paramref name="labels"/> among <paramref name="clientCount"/> clients, then
    /// holds out <paramref name="validationFraction"/> of each client's samples for validation (rounded to the nearest
    /// integer, stratified by label, never all of a client's samples). Assignment and each client's split draw from
    /// separate streams derived from <paramref name="seed"/> alone.
    /// </summary>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it), or the partitioner cannot meet its constraints.</exception>
    /// <exception cref="InvalidOperationException">The partitioner returned a wrong result: a missing, repeated or out-of-range index, an empty client, or the wrong number of clients.</exception>
    public static Partition Create(ReadOnlySpan<int> labels, int classCount, IPartitioner partitioner, int clientCount, int seed, double validationFraction = 0.0)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), $"Partition: validation fraction {validationFraction.ToString(CultureInfo.InvariantCulture)} must be in [0, 1).");
        }

        // Checked here too, not only by the built-in partitioners: the validation split indexes by label.
        PartitionMath.Validate(partitioner.Name, labels, classCount, clientCount);
        var assigned = partitioner.Assign(labels, classCount, clientCount, SeedStreams.Create(seed, SeedStreams.Assignment, 0));
        Check(partitioner, assigned, labels.Length, clientCount);
        var clients = new ClientPartition[clientCount];
        for (int c = 0; c < clientCount; c++)
        {
            var indices = (int[])assigned[c].Clone();
            var (train, validation) = ValidationSplit.Split(indices, labels, classCount, validationFraction, SeedStreams.Create(seed, SeedStreams.Validation, c));
            clients[c] = new ClientPartition(c, train, validation);
        }

        string description = string.Create(CultureInfo.InvariantCulture, $"{partitioner.Describe()} over {clientCount} clients, {labels.Length} samples, seed {seed}, validation fraction {validationFraction:0.###}");
        return new Partition(clients, labels.Length, classCount, seed, validationFraction, description);
    }

    // Guards against a faulty IPartitioner: every sample exactly once, every client non-empty.
    private static void Check(IPartitioner partitioner, int[][]? assigned, int sampleCount, int clientCount)
    {
        string who = $"Partitioner '{partitioner.Name}'";
        if (assigned is null || assigned.Length != clientCount)
        {
            throw new InvalidOperationException($"{who} returned {assigned?.Length ?? 0} clients; {clientCount} were asked for.");
        }

        var owner = new int[sampleCount];
        Array.Fill(owner, -1);
        for (int c = 0; c < clientCount; c++)
        {
            if (assigned[c] is null || assigned[c].Length == 0)
            {
                throw new InvalidOperationException($"{who} gave client {c} no samples.");
            }

            foreach (int i in assigned[c])
            {
                if ((uint)i >= (uint)sampleCount)
                {
                    throw new InvalidOperationException($"{who} gave client {c} sample {i}, outside [0, {sampleCount}).");
                }

                if (owner[i] >= 0)
                {
                    throw new InvalidOperationException($"{who} gave sample {i} to both client {owner[i]} and client {c}.");
                }

                owner[i] = c;
            }
        }

        int missing = Array.IndexOf(owner, -1);
        if (missing >= 0)
        {
            throw new InvalidOperationException($"{who} gave sample {missing} to no client.");
        }
    }
}
