namespace FedShield.Data.Tabular;

/// <summary>A random split of row indices that keeps each class's share on both sides.</summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// Splits rows <c>0..labels.Length-1</c> into a training part of <c>round(trainFraction · N)</c> rows and
    /// the rest. Each class contributes <c>floor</c> or <c>ceil</c> of <c>trainFraction · n_class</c> rows
    /// (largest remainders get the ceiling, ties to the lower class), chosen by a Fisher–Yates shuffle
    /// seeded with <paramref name="seed"/>. Both index lists are returned in ascending order.
    /// </summary>
    public static (int[] Train, int[] Test) Split(ReadOnlySpan<int> labels, int classCount, double trainFraction, int seed)
    {
        var byClass = new List<int>[classCount];
        for (int c = 0; c < classCount; c++)
        {
            byClass[c] = [];
        }

        for (int i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }

        int target = (int)Math.Round(trainFraction * labels.Length, MidpointRounding.AwayFromZero);
        var take = new int[classCount];
        var remainder = new double[classCount];
        int assigned = 0;
        for (int c = 0; c < classCount; c++)
        {
            double exact = trainFraction * byClass[c].Count;
            take[c] = (int)Math.Floor(exact);
            remainder[c] = exact - take[c];
            assigned += take[c];
        }

        // Hand out the rows lost to flooring, one per class, largest remainder first.
        var order = Enumerable.Range(0, classCount).OrderByDescending(c => remainder[c]).ThenBy(c => c).ToArray();
        for (int k = 0; assigned < target && k < order.Length; k++)
        {
            if (take[order[k]] < byClass[order[k]].Count)
            {
                take[order[k]]++;
                assigned++;
            }
        }

        var random = new Random(seed);
        var train = new List<int>(target);
        var test = new List<int>(labels.Length - target);
        for (int c = 0; c < classCount; c++)
        {
            var rows = byClass[c].ToArray();
            random.Shuffle(rows);
            train.AddRange(rows.AsSpan(0, take[c]));
            test.AddRange(rows.AsSpan(take[c]));
        }

        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }
}
