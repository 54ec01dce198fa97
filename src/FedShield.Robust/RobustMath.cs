using System.Numerics;
using System.Runtime.InteropServices;
using FedShield.Federation.Messages;

namespace FedShield.Robust;

/// <summary>Checks and small helpers shared by the order-statistic and distance-based aggregators.</summary>
internal static class RobustMath
{
    /// <summary>
    /// Checks the structure of an update set: not null, at least one update, no null entry, equal
    /// lengths, distinct client ids. Returns the common length. Values are checked for finiteness by
    /// the kernels that read them.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no updates.</exception>
    /// <exception cref="ArgumentException">An update is null, has another length, or repeats a client id.</exception>
    public static int CheckUpdates(IReadOnlyList<ClientUpdate> updates, string aggregator)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new InvalidOperationException($"{aggregator} needs at least one update; got none");
        }

        var ids = new HashSet<int>();
        int length = -1;
        for (int i = 0; i < updates.Count; i++)
        {
            var u = updates[i] ?? throw new ArgumentException($"update {i} is null", nameof(updates));
            ArgumentNullException.ThrowIfNull(u.Values, nameof(updates));
            if (length < 0)
            {
                length = u.Values.Length;
            }
            else if (u.Values.Length != length)
            {
                throw new ArgumentException($"update of client {u.ClientId} has {u.Values.Length} values, expected {length} like the first update", nameof(updates));
            }

            if (!ids.Add(u.ClientId))
            {
                throw new ArgumentException($"client {u.ClientId} sent more than one update", nameof(updates));
            }
        }

        return length;
    }

    /// <summary>Checks that every update's sample count (its aggregation weight) is positive.</summary>
    /// <exception cref="ArgumentException">A sample count is zero or negative.</exception>
    public static void CheckSampleCounts(IEnumerable<ClientUpdate> updates)
    {
        foreach (var u in updates)
        {
            if (u.SampleCount <= 0)
            {
                throw new ArgumentException($"update of client {u.ClientId} has sample count {u.SampleCount}; expected a positive count", nameof(updates));
            }
        }
    }

    /// <summary>Throws for the first non-finite value among <paramref name="rows"/>, if any.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message names the client and index.</exception>
    public static void ThrowIfAnyNonFinite(IReadOnlyList<ClientUpdate> rows)
    {
        foreach (var u in rows)
        {
            int bad = IndexOfNonFinite(u.Values);
            if (bad >= 0)
            {
                throw new ArgumentException($"update of client {u.ClientId} has a non-finite value ({u.Values[bad]}) at index {bad}", nameof(rows));
            }
        }
    }

    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Positions 0..n-1 ordered by (score, client id): the deterministic ranking Krum-style rules use,
    /// so ties never depend on the order the updates arrived in.
    /// </summary>
    public static int[] RankByScore(IReadOnlyList<int> candidates, double[] scores, IReadOnlyList<ClientUpdate> updates)
    {
        var order = candidates.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = scores[a].CompareTo(scores[b]);
            return c != 0 ? c : updates[a].ClientId.CompareTo(updates[b].ClientId);
        });
        return order;
    }

    /// <summary>The client ids of the positions not in <paramref name="used"/>, ascending.</summary>
    public static int[] ExcludedClients(IReadOnlyList<ClientUpdate> updates, IEnumerable<int> used)
    {
        var keep = new HashSet<int>(used);
        var excluded = new List<int>();
        for (int i = 0; i < updates.Count; i++)
        {
            if (!keep.Contains(i))
            {
                excluded.Add(updates[i].ClientId);
            }
        }

        excluded.Sort();
        return [.. excluded];
    }

    /// <summary>
    /// Σ w_i·u_i / Σ w_i over <paramref name="rows"/> with w_i their sample counts (or 1 each when not
    /// <paramref name="weighted"/>), accumulated per coordinate in double precision in the order of
    /// <paramref name="rows"/> and rounded to float once; blocks of coordinates run in parallel.
    /// </summary>
    public static float[] Mean(IReadOnlyList<ClientUpdate> rows, int length, bool weighted)
    {
        const int block = 4096;
        var sources = new float[rows.Count][];
        var weights = new double[rows.Count];
        double total = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            sources[r] = rows[r].Values;
            weights[r] = weighted ? rows[r].SampleCount : 1;
            total += weights[r];
        }

        var result = new float[length];
        int blocks = (length + block - 1) / block;
        if (blocks <= 1 || (long)rows.Count * length < 1 << 16)
        {
            var sums = new double[Math.Min(block, length)];
            for (int b = 0; b < blocks; b++)
            {
                MeanBlock(sources, weights, total, b * block, Math.Min(length, (b + 1) * block), sums, result);
            }
        }
        else
        {
            Parallel.For(
                0,
                blocks,
                () => new double[block],
                (b, _, sums) =>
                {
                    MeanBlock(sources, weights, total, b * block, Math.Min(length, (b + 1) * block), sums, result);
                    return sums;
                },
                _ => { });
        }

        return result;
    }

    private static void MeanBlock(float[][] sources, double[] weights, double total, int begin, int end, double[] sums, float[] result)
    {
        int count = end - begin;
        int step = Vector<float>.Count;
        int vectorEnd = count / step * step;
        var acc = MemoryMarshal.Cast<double, Vector<double>>(sums.AsSpan(0, vectorEnd));
        Array.Clear(sums, 0, count);
        for (int r = 0; r < sources.Length; r++)
        {
            var row = sources[r].AsSpan(begin, count);
            var w = new Vector<double>(weights[r]);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(row[..vectorEnd]);
            for (int v = 0; v < vectors.Length; v++)
            {
                Vector.Widen(vectors[v], out var low, out var high);
                acc[2 * v] = Vector.FusedMultiplyAdd(low, w, acc[2 * v]);
                acc[2 * v + 1] = Vector.FusedMultiplyAdd(high, w, acc[2 * v + 1]);
            }

            for (int k = vectorEnd; k < count; k++)
            {
                sums[k] = Math.FusedMultiplyAdd(row[k], weights[r], sums[k]);
            }
        }

        var destination = result.AsSpan(begin, count);
        for (int k = 0; k < count; k++)
        {
            destination[k] = (float)(sums[k] / total);
        }
    }
}
