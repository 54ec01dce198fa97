namespace FedShield.Experiments.Config.Schema;

/// <summary>Finds the known name a mistyped one was probably meant to be ("did you mean ...?").</summary>
internal static class NameSuggester
{
    /// <summary>
    /// The candidate closest to <paramref name="input"/> by edit distance, if it is close enough: the same
    /// letters up to case, '-' and '_' (BatchSize, batch-size), or at most max(1, length / 3) edits away.
    /// </summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        string normalized = Normalize(input);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Normalize(candidate) == normalized)
            {
                return candidate;
            }

            int distance = Distance(input.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        int allowed = Math.Max(1, Math.Min(3, input.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>
    /// Edit distance where an insertion, a deletion, a substitution or a swap of two adjacent letters each
    /// cost 1 (optimal string alignment), so "nmae" is one edit from "name".
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('_' or '-')).Select(char.ToLowerInvariant)]);
}
