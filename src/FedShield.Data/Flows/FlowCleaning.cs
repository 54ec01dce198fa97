using System.Runtime.InteropServices;

namespace FedShield.Data.Flows;

/// <summary>Value-level cleaning of flow rows: non-finite replacement and duplicate counting.</summary>
internal static class FlowCleaning
{
    /// <summary>
    /// Replaces, column by column, +∞ with the column's largest finite value, −∞ with its smallest, and
    /// NaN (empty cells) with 0. The extremes are taken over the rows marked in <paramref name="fitRows"/>
    /// only (the training rows, so that test values never leak into training data). A column with no finite
    /// value among them maps ±∞ to 0.
    /// </summary>
    /// <returns>The number of infinite cells and of NaN cells replaced.</returns>
    public static (int Infinite, int Missing) ReplaceNonFinite(Span<float> rows, int width, ReadOnlySpan<bool> fitRows)
    {
        int infinite = 0, missing = 0;
        int n = rows.Length / width;
        for (int c = 0; c < width; c++)
        {
            float max = float.NegativeInfinity, min = float.PositiveInfinity;
            for (int r = 0; r < n; r++)
            {
                float v = rows[(r * width) + c];
                if (fitRows[r] && float.IsFinite(v))
                {
                    max = Math.Max(max, v);
                    min = Math.Min(min, v);
                }
            }

            if (float.IsInfinity(max))
            {
                max = min = 0;
            }

            for (int r = 0; r < n; r++)
            {
                ref float v = ref rows[(r * width) + c];
                if (float.IsNaN(v))
                {
                    v = 0;
                    missing++;
                }
                else if (float.IsPositiveInfinity(v))
                {
                    v = max;
                    infinite++;
                }
                else if (float.IsNegativeInfinity(v))
                {
                    v = min;
                    infinite++;
                }
            }
        }

        return (infinite, missing);
    }

    /// <summary>Number of rows whose values (bit for bit) and label equal those of an earlier row.</summary>
    public static int CountExactDuplicates(ReadOnlySpan<float> rows, int width, IReadOnlyList<int> labels)
    {
        var seen = new HashSet<int>(new RowComparer(rows.ToArray(), width, labels));
        int duplicates = 0;
        for (int r = 0; r < labels.Count; r++)
        {
            if (!seen.Add(r))
            {
                duplicates++;
            }
        }

        return duplicates;
    }

    private sealed class RowComparer(float[] rows, int width, IReadOnlyList<int> labels) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => labels[x] == labels[y] && Bytes(x).SequenceEqual(Bytes(y));

        public int GetHashCode(int obj)
        {
            var hash = default(HashCode);
            hash.Add(labels[obj]);
            hash.AddBytes(Bytes(obj));
            return hash.ToHashCode();
        }

        private ReadOnlySpan<byte> Bytes(int row) => MemoryMarshal.AsBytes(rows.AsSpan(row * width, width));
    }
}
