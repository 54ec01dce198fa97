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

    /// <summary>Levenshtein distance (insertions, deletions, substitutions, each costing 1).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('_' or '-')).Select(char.ToLowerInvariant)]);
}
