using System.Globalization;

namespace FedShield.Data.Partitions;

/// <summary>
/// Label-skew partition (Yurochkin et al. 2019; Hsu et al. 2019): for each class, proportions
/// p ~ Dir(α, …, α) over the clients are drawn and that class's shuffled samples are split in those
/// proportions (largest-remainder rounding, so every sample is assigned). Small α (0.1) gives each client a
/// few dominant classes; large α (1000) approaches IID. Client sizes vary too, as a side effect.
/// </summary>
/// <remarks>
/// When some client would get fewer than <see cref="MinSamplesPerClient"/> samples, all the proportions are
/// drawn again, up to <see cref="MaxAttempts"/> times, then the partition fails with an error saying what to
/// change. Unlike some reference scripts, no rebalancing is applied (clients that already hold more than
/// their share are not excluded from later classes): the proportions are exactly the Dirichlet draws.
/// </remarks>
public sealed class DirichletPartitioner : IPartitioner
{
    /// <summary>How many times the proportions are drawn before giving up on the minimum client size.</summary>
    public const int MaxAttempts = 1000;

    /// <summary>Creates the partitioner.</summary>
    /// <param name="alpha">Concentration α of the symmetric Dirichlet, positive and finite.</param>
    /// <param name="minSamplesPerClient">The fewest samples a client may get, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">α is not positive and finite, or the minimum is below 1.</exception>
    public DirichletPartitioner(double alpha, int minSamplesPerClient = 1)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"Dirichlet partition: alpha {alpha.ToString(CultureInfo.InvariantCulture)} must be positive and finite (0.1 is strongly skewed, 1000 is nearly IID).");
        }

        if (minSamplesPerClient < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minSamplesPerClient), $"Dirichlet partition: the minimum of {minSamplesPerClient} samples per client must be at least 1.");
        }

        Alpha = alpha;
        MinSamplesPerClient = minSamplesPerClient;
    }

    /// <summary>Concentration α of the Dirichlet distribution.</summary>
    public double Alpha { get; }

    /// <summary>The fewest samples a client may get.</summary>
    public int MinSamplesPerClient { get; }

    /// <inheritdoc/>
    public string Name => "dirichlet";

    /// <inheritdoc/>
    public string Describe() => $"dirichlet(alpha={Alpha.ToString("R", CultureInfo.InvariantCulture)}, min={MinSamplesPerClient})";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Fewer than clientCount × minimum samples, or no draw in <see cref="MaxAttempts"/> met the minimum.</exception>
    public int[][] Assign(ReadOnlySpan<int> labels, int classCount, int clientCount, Random random)
    {
        PartitionMath.Validate("Dirichlet", labels, classCount, clientCount, random);
        if ((long)clientCount * MinSamplesPerClient > labels.Length)
        {
            throw new ArgumentException($"Dirichlet partition: {clientCount} clients × at least {MinSamplesPerClient} samples need {(long)clientCount * MinSamplesPerClient} samples; there are {labels.Length}.", nameof(clientCount));
        }

        var draws = new RandomDraws(random);
        var byClass = PartitionMath.ByClass(labels, classCount);
        foreach (var members in byClass)
        {
            draws.Shuffle(members);
        }

        var proportions = new double[clientCount];
        var shares = new int[classCount][];
        var sizes = new int[clientCount];
        int smallestSeen = int.MaxValue;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            Array.Clear(sizes);
            for (int k = 0; k < classCount; k++)
            {
                if (byClass[k].Length == 0)
                {
                    shares[k] = new int[clientCount];
                    continue;
                }

                draws.NextDirichlet(Alpha, proportions);
                shares[k] = PartitionMath.Apportion(proportions, byClass[k].Length);
                for (int c = 0; c < clientCount; c++)
                {
                    sizes[c] += shares[k][c];
                }
            }

            int smallest = sizes.Min();
            if (smallest >= MinSamplesPerClient)
            {
                return Split(byClass, shares, sizes);
            }

            smallestSeen = Math.Min(smallestSeen, smallest);
        }

        throw new ArgumentException(
            $"Dirichlet partition: alpha {Alpha.ToString(CultureInfo.InvariantCulture)} gave some of the {clientCount} clients fewer than {MinSamplesPerClient} of {labels.Length} samples in each of {MaxAttempts} draws "
            + $"(the best draw's smallest client had {(smallestSeen == int.MaxValue ? 0 : smallestSeen)}); raise alpha, lower the minimum, or use fewer clients.",
            nameof(clientCount));
    }

    // Client c takes the next shares[k][c] samples of each shuffled class k.
    private static int[][] Split(int[][] byClass, int[][] shares, int[] sizes)
    {
        var clients = new int[sizes.Length][];
        var filled = new int[sizes.Length];
        for (int c = 0; c < sizes.Length; c++)
        {
            clients[c] = new int[sizes[c]];
        }

        for (int k = 0; k < byClass.Length; k++)
        {
            int start = 0;
            for (int c = 0; c < sizes.Length; c++)
            {
                byClass[k].AsSpan(start, shares[k][c]).CopyTo(clients[c].AsSpan(filled[c]));
                filled[c] += shares[k][c];
                start += shares[k][c];
            }
        }

        return clients;
    }
}
