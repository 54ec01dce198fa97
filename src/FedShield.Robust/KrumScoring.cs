using FedShield.Federation.Messages;

namespace FedShield.Robust;

/// <summary>
/// Krum's score (Blanchard et al. 2017): score(i) = the sum of the squared distances from update i to
/// its m nearest other updates among those still in play, summed in ascending order so the value does
/// not depend on the order of the updates.
/// </summary>
internal sealed class KrumScoring
{
    private readonly double[] _distances;
    private readonly int _n;

    // For each i, the other positions ordered by distance from i (ties by position: equal distances add up alike).
    private readonly int[][] _nearest;

    public KrumScoring(double[] distances, int n)
    {
        _distances = distances;
        _n = n;
        _nearest = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var others = new int[n - 1];
            var keys = new double[n - 1];
            for (int j = 0, o = 0; j < n; j++)
            {
                if (j != i)
                {
                    others[o] = j;
                    keys[o++] = distances[i * n + j];
                }
            }

            Array.Sort(keys, others);
            _nearest[i] = others;
        }
    }

    /// <summary>
    /// Scores of the positions with <paramref name="active"/>[i] set, each over its
    /// <paramref name="neighbours"/> nearest active others (fewer when fewer remain); NaN elsewhere.
    /// </summary>
    public double[] Scores(bool[] active, int neighbours)
    {
        var scores = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            if (!active[i])
            {
                scores[i] = double.NaN;
                continue;
            }

            double sum = 0;
            int taken = 0;
            foreach (int j in _nearest[i])
            {
                if (taken >= neighbours)
                {
                    break;
                }

                if (active[j])
                {
                    sum += _distances[i * _n + j];
                    taken++;
                }
            }

            scores[i] = sum;
        }

        return scores;
    }

    /// <summary>The active positions ordered by (score, client id): lowest score first, deterministic ties.</summary>
    public static int[] Rank(double[] scores, bool[] active, IReadOnlyList<ClientUpdate> updates)
    {
        var candidates = new List<int>();
        for (int i = 0; i < active.Length; i++)
        {
            if (active[i])
            {
                candidates.Add(i);
            }
        }

        return RobustMath.RankByScore(candidates, scores, updates);
    }
}
