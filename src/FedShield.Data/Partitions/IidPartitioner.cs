using System.Globalization;

namespace FedShield.Data.Partitions;

/// <summary>
/// IID partition: samples are shuffled and dealt out regardless of label, so every client's label
/// distribution is close to the global one. Without fractions the clients get equal shares (sizes differ
/// by at most 1); with fractions, client c gets <c>fractions[c]</c> of the samples (largest-remainder rounding,
/// so the sizes sum to the sample count exactly).
/// </summary>
public sealed class IidPartitioner : IPartitioner
{
    /// <summary>How far the fractions may sum from 1 (rounding in hand-written lists such as 0.1 × 10).</summary>
    public const double FractionSumTolerance = 1e-6;

    private readonly double[]? _fractions;
    private readonly int[]? _sizes;

    /// <summary>Equal shares: client sizes differ by at most 1.</summary>
    public IidPartitioner()
    {
    }

    /// <summary>Shares in the given proportions, one per client.</summary>
    /// <param name="fractions">One positive, finite fraction per client, summing to 1 (within <see cref="FractionSumTolerance"/>).</param>
    /// <exception cref="ArgumentException">The list is empty, a fraction is not positive and finite, or they do not sum to 1.</exception>
    public IidPartitioner(IReadOnlyList<double> fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        if (fractions.Count == 0)
        {
            throw new ArgumentException("IID partition: the list of client fractions is empty.", nameof(fractions));
        }

        double sum = 0;
        for (int c = 0; c < fractions.Count; c++)
        {
            if (!(fractions[c] > 0) || double.IsInfinity(fractions[c]))
            {
                throw new ArgumentException($"IID partition: fraction {fractions[c].ToString(CultureInfo.InvariantCulture)} of client {c} must be positive and finite.", nameof(fractions));
            }

            sum += fractions[c];
        }

        if (Math.Abs(sum - 1.0) > FractionSumTolerance)
        {
            throw new ArgumentException($"IID partition: the {fractions.Count} client fractions sum to {sum.ToString("R", CultureInfo.InvariantCulture)}; they must sum to 1.", nameof(fractions));
        }

        _fractions = [.. fractions];
    }

    /// <summary>Exactly the given number of samples per client; the sizes must sum to the dataset's sample count.</summary>
    /// <param name="sizes">One positive size per client.</param>
    /// <exception cref="ArgumentException">The list is empty or a size is not positive.</exception>
    public static IidPartitioner WithSizes(IReadOnlyList<int> sizes) => new(sizes);

    private IidPartitioner(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count == 0)
        {
            throw new ArgumentException("IID partition: the list of client sizes is empty.", nameof(sizes));
        }

        for (int c = 0; c < sizes.Count; c++)
        {
            if (sizes[c] <= 0)
            {
                throw new ArgumentException($"IID partition: size {sizes[c]} of client {c} must be positive.", nameof(sizes));
            }
        }

        _sizes = [.. sizes];
    }

    /// <summary>The client sizes given to <see cref="WithSizes"/>, or null.</summary>
    public IReadOnlyList<int>? Sizes => _sizes;

    /// <summary>The client fractions, or null for equal shares.</summary>
    public IReadOnlyList<double>? Fractions => _fractions;

    /// <inheritdoc/>
    public string Name => "iid";

    /// <inheritdoc/>
    public string Describe() => _sizes is not null
        ? $"iid(sizes=[{string.Join(", ", _sizes)}])"
        : _fractions is null
        ? "iid(equal sizes)"
        : $"iid(fractions=[{string.Join(", ", _fractions.Select(f => f.ToString("0.####", CultureInfo.InvariantCulture)))}])";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">With fractions: their count differs from <paramref name="clientCount"/>, or a fraction is too small to give its client one sample.</exception>
    public int[][] Assign(ReadOnlySpan<int> labels, int classCount, int clientCount, Random random)
    {
        PartitionMath.Validate("IID", labels, classCount, clientCount, random);
        int[] sizes;
        if (_sizes is not null)
        {
            if (_sizes.Length != clientCount || _sizes.Sum() != labels.Length)
            {
                throw new ArgumentException($"IID partition: {_sizes.Length} client sizes summing to {_sizes.Sum()} were given for {clientCount} clients and {labels.Length} samples; expected one size per client summing to the sample count.", nameof(labels));
            }

            sizes = _sizes;
        }
        else if (_fractions is null)
        {
            sizes = PartitionMath.EqualSizes(labels.Length, clientCount);
        }
        else
        {
            if (_fractions.Length != clientCount)
            {
                throw new ArgumentException($"IID partition: {_fractions.Length} client fractions were given for {clientCount} clients.", nameof(clientCount));
            }

            sizes = PartitionMath.Apportion(_fractions, labels.Length);
            for (int c = 0; c < clientCount; c++)
            {
                if (sizes[c] == 0)
                {
                    throw new ArgumentException($"IID partition: fraction {_fractions[c].ToString(CultureInfo.InvariantCulture)} of client {c} gives it no sample out of {labels.Length}; every client needs at least one.", nameof(labels));
                }
            }
        }

        var order = PartitionMath.Sequence(labels.Length);
        new RandomDraws(random).Shuffle(order);
        return PartitionMath.Cut(order, sizes);
    }
}
