namespace FedShield.Data.Flows;

/// <summary>A seeded train/test split that holds out the same share of every class.</summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// For each sample, whether it goes to the test split: of each class's <c>n</c> samples, a uniformly
    /// random <c>round(fraction·n)</c> (half away from zero) are held out. Classes are processed in label
    /// order with one <see cref="Random"/>, so the split is a function of the labels and the seed.
    /// </summary>
    public static bool[] TestMask(ReadOnlySpan<int> labels, int classCount, double fraction, int seed)
    {
        var members = new List<int>[classCount];
        for (int k = 0; k < classCount; k++)
        {
            members[k] = [];
        }

        for (int i = 0; i < labels.Length; i++)
        {
            members[labels[i]].Add(i);
        }

        var random = new Random(seed);
        var test = new bool[labels.Length];
        foreach (var list in members)
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
}
