namespace FedShield.Data;

/// <summary>Seeded train/test splits that keep each class's share on both sides.</summary>
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
        var byClass = GroupByClass(labels, classCount);
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

    /// <summary>
    /// For each sample, whether it goes to the test split: of each class's <c>n</c> samples, a uniformly
    /// random <c>round(fraction·n)</c> (half away from zero) are held out. Classes are processed in label
    /// order with one <see cref="Random"/>, so the split is a function of the labels and the seed.
    /// </summary>
    public static bool[] TestMask(ReadOnlySpan<int> labels, int classCount, double fraction, int seed)
    {
        var byClass = GroupByClass(labels, classCount);
        var random = new Random(seed);
        var test = new bool[labels.Length];
        foreach (var list in byClass)
        {
            int held = (int)Math.Round(fraction * list.Count, MidpointRounding.AwayFromZero);

            // Partial Fisher–Yates: the first `held` positions become a uniform random subset.
            for (int j = 0; j < held; j++)
            {
                int pick = random.Next(j, list.Count);
                (list[j], list[pick]) = (list[pick], list[j]);
                test[list[j]] = true;
            }
        }

        return test;
    }

    /// <summary>The sample indices of each class, in ascending order.</summary>
    private static List<int>[] GroupByClass(ReadOnlySpan<int> labels, int classCount)
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

        return byClass;
    }
}
