namespace FedShield.Data.Partitions;

/// <summary>Holds out a seeded, label-stratified fraction of one client's samples.</summary>
internal static class ValidationSplit
{
    /// <summary>
    /// How many of <paramref name="count"/> samples are held out for <paramref name="fraction"/>: the fraction rounded
    /// to the nearest integer, but never all of them (a client with one sample keeps it for training).
    /// </summary>
    public static int Size(int count, double fraction)
    {
        int size = (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero);
        return Math.Min(size, Math.Max(count - 1, 0));
    }

    /// <summary>
    /// Splits <paramref name="indices"/> into (train, validation), both ascending. The validation size is
    /// shared among the client's classes in proportion to their counts (largest remainder, random tie-break),
    /// and each class gives up a random subset of that size.
    /// </summary>
    public static (int[] Train, int[] Validation) Split(int[] indices, ReadOnlySpan<int> labels, int classCount, double fraction, Random random)
    {
        int validationSize = Size(indices.Length, fraction);
        Array.Sort(indices);
        if (validationSize == 0)
        {
            return (indices, []);
        }

        var clientLabels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            clientLabels[i] = labels[indices[i]];
        }

        // Positions (into indices) of each class, shuffled; the first quota of each go to validation.
        var byClass = PartitionMath.ByClass(clientLabels, classCount);
        var weights = new double[classCount];
        for (int k = 0; k < classCount; k++)
        {
            weights[k] = byClass[k].Length;
        }

        var quotas = PartitionMath.Apportion(weights, validationSize, random);
        var draws = new RandomDraws(random);
        var held = new bool[indices.Length];
        for (int k = 0; k < classCount; k++)
        {
            draws.Shuffle(byClass[k]);
            for (int j = 0; j < quotas[k]; j++)
            {
                held[byClass[k][j]] = true;
            }
        }

        var train = new int[indices.Length - validationSize];
        var validation = new int[validationSize];
        int t = 0;
        int v = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            if (held[i])
            {
                validation[v++] = indices[i];
            }
            else
            {
                train[t++] = indices[i];
            }
        }

        return (train, validation);
    }
}
