namespace FedShield.Data.Partitions;

/// <summary>Argument checks and integer bookkeeping shared by the partitioners.</summary>
internal static class PartitionMath
{
    /// <summary>Checks the arguments every <see cref="IPartitioner.Assign"/> receives; messages name <paramref name="partitioner"/>.</summary>
    public static void Validate(string partitioner, ReadOnlySpan<int> labels, int classCount, int clientCount, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Validate(partitioner, labels, classCount, clientCount);
    }

    /// <summary>Checks the samples, class count and client count; messages name <paramref name="partitioner"/>.</summary>
    public static void Validate(string partitioner, ReadOnlySpan<int> labels, int classCount, int clientCount)
    {
        if (labels.IsEmpty)
        {
            throw new ArgumentException($"{partitioner} partition: there are no samples to partition.", nameof(labels));
        }

        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), $"{partitioner} partition: class count {classCount} must be at least 1.");
        }

        if (clientCount < 1 || clientCount > labels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(clientCount), $"{partitioner} partition: client count {clientCount} must be in [1, {labels.Length}] (at least one sample per client).");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"{partitioner} partition: label {labels[i]} of sample {i} is outside [0, {classCount}).", nameof(labels));
            }
        }
    }

    /// <summary>0, 1, …, <paramref name="count"/> − 1.</summary>
    public static int[] Sequence(int count)
    {
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i;
        }

        return values;
    }

    /// <summary>The indices of each class in ascending order (a stable counting sort by label).</summary>
    public static int[][] ByClass(ReadOnlySpan<int> labels, int classCount)
    {
        var counts = Dataset.CountClasses(labels, classCount);
        var byClass = new int[classCount][];
        for (int k = 0; k < classCount; k++)
        {
            byClass[k] = new int[counts[k]];
        }

        Array.Clear(counts);
        for (int i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]][counts[labels[i]]++] = i;
        }

        return byClass;
    }

    /// <summary>
    /// Splits <paramref name="total"/> into integers proportional to <paramref name="weights"/> by the largest-remainder
    /// method: each share is its quota rounded down or up, and the shares sum to <paramref name="total"/> exactly.
    /// Ties between equal remainders go to the lower index, or are broken at random when <paramref name="tieBreak"/> is given.
    /// </summary>
    public static int[] Apportion(ReadOnlySpan<double> weights, int total, Random? tieBreak = null)
    {
        double sum = 0;
        foreach (double w in weights)
        {
            sum += w;
        }

        if (!(sum > 0) || double.IsInfinity(sum))
        {
            throw new ArgumentException($"Weights summing to {sum} cannot be apportioned; they must be non-negative with a positive, finite sum.", nameof(weights));
        }

        var shares = new int[weights.Length];
        if (total == 0)
        {
            return shares;
        }

        var remainders = new double[weights.Length];
        var order = Sequence(weights.Length);
        var tieKeys = new int[weights.Length];
        int given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double quota = weights[i] / sum * total;
            shares[i] = (int)Math.Floor(quota);
            remainders[i] = quota - shares[i];
            given += shares[i];
            tieKeys[i] = tieBreak?.Next() ?? i;
        }

        // Largest remainder first; the tie key decides between equal remainders.
        Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : tieKeys[a].CompareTo(tieKeys[b]));
        int left = total - given;
        for (int r = 0; left > 0; r = (r + 1) % order.Length, left--)
        {
            shares[order[r]]++;
        }

        // Rounding can only overshoot by a unit or so: take it back from the smallest remainders that have something.
        for (int r = order.Length - 1; left < 0; r = (r + order.Length - 1) % order.Length)
        {
            if (shares[order[r]] > 0)
            {
                shares[order[r]]--;
                left++;
            }
        }

        return shares;
    }

    /// <summary>Cuts <paramref name="order"/> into consecutive runs of the given <paramref name="sizes"/> (which sum to its length).</summary>
    public static int[][] Cut(ReadOnlySpan<int> order, ReadOnlySpan<int> sizes)
    {
        var parts = new int[sizes.Length][];
        int start = 0;
        for (int c = 0; c < sizes.Length; c++)
        {
            parts[c] = order.Slice(start, sizes[c]).ToArray();
            start += sizes[c];
        }

        return parts;
    }

    /// <summary>Sizes of <paramref name="parts"/> equal parts of <paramref name="total"/>: part p spans [⌊p·total/parts⌋, ⌊(p+1)·total/parts⌋), so sizes differ by at most 1.</summary>
    public static int[] EqualSizes(int total, int parts)
    {
        var sizes = new int[parts];
        for (int p = 0; p < parts; p++)
        {
            sizes[p] = (int)(((long)(p + 1) * total / parts) - ((long)p * total / parts));
        }

        return sizes;
    }
}
