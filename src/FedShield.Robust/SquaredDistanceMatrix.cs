using System.Numerics;
using System.Runtime.CompilerServices;
using FedShield.Federation.Messages;

namespace FedShield.Robust;

/// <summary>
/// All pairwise squared Euclidean distances ‖u_i − u_j‖² of an update set, the input of Krum,
/// Multi-Krum and Bulyan, computed from direct differences (never ‖a‖² + ‖b‖² − 2a·b, which cancels
/// catastrophically for close updates): exact up to float rounding, never negative, +∞ only when a
/// squared difference overflows (|u_i − u_j| above ~1.8e19 in some coordinate).
/// </summary>
/// <remarks>
/// The coordinates are cut into fixed ranges (independent of the core count) that run in parallel;
/// inside a range, chunks of <see cref="Chunk"/> coordinates of all rows (n · 4 KiB, L2-resident) are
/// swept by 4 × 4 tiles of row pairs with vector registers, each lane accumulating in float over the
/// chunk, each chunk added to the range's double-precision matrix, and the ranges summed in order.
/// Every pair goes through the same operations wherever it sits, and (a − b)² = (b − a)² exactly, so
/// the matrix is exactly symmetric and permuting the updates permutes it, bit for bit.
/// Extra memory: one n × n double matrix per range (ranges hold at least 64·n coordinates, so this
/// stays below an eighth of the update set).
/// </remarks>
internal static class SquaredDistanceMatrix
{
    /// <summary>Coordinates swept per pass over all rows.</summary>
    public const int Chunk = 1024;

    private const int MinRange = 16 * Chunk;
    private const long ParallelThreshold = 1 << 16;

    /// <summary>The n × n matrix (row-major) of squared distances between the updates' values.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message names the client and index.</exception>
    public static double[] Compute(IReadOnlyList<ClientUpdate> rows, int length)
    {
        int n = rows.Count;
        var sources = new float[n][];
        for (int r = 0; r < n; r++)
        {
            sources[r] = rows[r].Values;
        }

        if (length == 0)
        {
            return new double[n * n];
        }

        int rangeSize = Math.Max(MinRange, (64 * n + Chunk - 1) / Chunk * Chunk);
        int ranges = Math.Max(1, (int)(((long)length + rangeSize - 1) / rangeSize));
        var partial = new double[ranges][];
        if (ranges == 1 || (long)n * length < ParallelThreshold)
        {
            for (int r = 0; r < ranges; r++)
            {
                partial[r] = ComputeRange(sources, r * rangeSize, (int)Math.Min(length, (long)(r + 1) * rangeSize));
            }
        }
        else
        {
            Parallel.For(0, ranges, r => partial[r] = ComputeRange(sources, r * rangeSize, (int)Math.Min(length, (long)(r + 1) * rangeSize)));
        }

        var result = partial[0];
        for (int r = 1; r < ranges; r++)
        {
            var p = partial[r];
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    result[i * n + j] += p[i * n + j];
                }
            }
        }

        bool suspicious = false;
        for (int i = 0; i < n; i++)
        {
            result[i * n + i] = 0;
            for (int j = i + 1; j < n; j++)
            {
                double v = result[i * n + j];
                result[j * n + i] = v;
                suspicious |= !double.IsFinite(v);
            }
        }

        // A NaN or +∞ distance comes from a non-finite input or from an overflowing difference; only the first is an error.
        if (suspicious)
        {
            RobustMath.ThrowIfAnyNonFinite(rows);
        }

        return result;
    }

    /// <summary>The naive reference: Σ_k ((double)u_i[k] − u_j[k])² for every pair.</summary>
    public static double[] ComputeReference(IReadOnlyList<float[]> rows)
    {
        int n = rows.Count;
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < rows[i].Length; k++)
                {
                    double d = (double)rows[i][k] - rows[j][k];
                    s += d * d;
                }

                result[i * n + j] = s;
            }
        }

        return result;
    }

    // The upper triangle (i < j) of the squared distances restricted to coordinates [begin, end).
    private static double[] ComputeRange(float[][] rows, int begin, int end)
    {
        int n = rows.Length;
        var acc = new double[n * n];
        int step = Vector<float>.Count;
        for (int c0 = begin; c0 < end; c0 += Chunk)
        {
            int c1 = Math.Min(end, c0 + Chunk);
            int vectorEnd = c0 + (c1 - c0) / step * step;
            for (int i0 = 0; i0 < n; i0 += 4)
            {
                for (int j0 = i0; j0 < n; j0 += 4)
                {
                    Tile(rows, i0, j0, c0, vectorEnd, acc);
                }
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    double s = 0;
                    for (int k = vectorEnd; k < c1; k++)
                    {
                        double d = rows[i][k] - rows[j][k];
                        s += d * d;
                    }

                    acc[i * n + j] += s;
                }
            }
        }

        return acc;
    }

    // Rows i0..i0+3 against rows j0..j0+3 over [begin, end) (a multiple of the vector width long);
    // indices past the last row read the last row and are not stored.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(float[][] rows, int i0, int j0, int begin, int end, double[] acc)
    {
        int n = rows.Length;
        ref float a0 = ref rows[Math.Min(i0, n - 1)][0];
        ref float a1 = ref rows[Math.Min(i0 + 1, n - 1)][0];
        ref float a2 = ref rows[Math.Min(i0 + 2, n - 1)][0];
        ref float a3 = ref rows[Math.Min(i0 + 3, n - 1)][0];
        ref float b0 = ref rows[Math.Min(j0, n - 1)][0];
        ref float b1 = ref rows[Math.Min(j0 + 1, n - 1)][0];
        ref float b2 = ref rows[Math.Min(j0 + 2, n - 1)][0];
        ref float b3 = ref rows[Math.Min(j0 + 3, n - 1)][0];
        Vector<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector<float> s30 = default, s31 = default, s32 = default, s33 = default;
        for (int k = begin; k < end; k += Vector<float>.Count)
        {
            nuint o = (nuint)k;
            var x0 = Vector.LoadUnsafe(ref a0, o);
            var x1 = Vector.LoadUnsafe(ref a1, o);
            var x2 = Vector.LoadUnsafe(ref a2, o);
            var x3 = Vector.LoadUnsafe(ref a3, o);
            var y = Vector.LoadUnsafe(ref b0, o);
            var d0 = x0 - y; s00 = Vector.FusedMultiplyAdd(d0, d0, s00);
            var d1 = x1 - y; s10 = Vector.FusedMultiplyAdd(d1, d1, s10);
            var d2 = x2 - y; s20 = Vector.FusedMultiplyAdd(d2, d2, s20);
            var d3 = x3 - y; s30 = Vector.FusedMultiplyAdd(d3, d3, s30);
            y = Vector.LoadUnsafe(ref b1, o);
            d0 = x0 - y; s01 = Vector.FusedMultiplyAdd(d0, d0, s01);
            d1 = x1 - y; s11 = Vector.FusedMultiplyAdd(d1, d1, s11);
            d2 = x2 - y; s21 = Vector.FusedMultiplyAdd(d2, d2, s21);
            d3 = x3 - y; s31 = Vector.FusedMultiplyAdd(d3, d3, s31);
            y = Vector.LoadUnsafe(ref b2, o);
            d0 = x0 - y; s02 = Vector.FusedMultiplyAdd(d0, d0, s02);
            d1 = x1 - y; s12 = Vector.FusedMultiplyAdd(d1, d1, s12);
            d2 = x2 - y; s22 = Vector.FusedMultiplyAdd(d2, d2, s22);
            d3 = x3 - y; s32 = Vector.FusedMultiplyAdd(d3, d3, s32);
            y = Vector.LoadUnsafe(ref b3, o);
            d0 = x0 - y; s03 = Vector.FusedMultiplyAdd(d0, d0, s03);
            d1 = x1 - y; s13 = Vector.FusedMultiplyAdd(d1, d1, s13);
            d2 = x2 - y; s23 = Vector.FusedMultiplyAdd(d2, d2, s23);
            d3 = x3 - y; s33 = Vector.FusedMultiplyAdd(d3, d3, s33);
        }

        Store(acc, n, i0, j0, 0, 0, s00); Store(acc, n, i0, j0, 0, 1, s01); Store(acc, n, i0, j0, 0, 2, s02); Store(acc, n, i0, j0, 0, 3, s03);
        Store(acc, n, i0, j0, 1, 0, s10); Store(acc, n, i0, j0, 1, 1, s11); Store(acc, n, i0, j0, 1, 2, s12); Store(acc, n, i0, j0, 1, 3, s13);
        Store(acc, n, i0, j0, 2, 0, s20); Store(acc, n, i0, j0, 2, 1, s21); Store(acc, n, i0, j0, 2, 2, s22); Store(acc, n, i0, j0, 2, 3, s23);
        Store(acc, n, i0, j0, 3, 0, s30); Store(acc, n, i0, j0, 3, 1, s31); Store(acc, n, i0, j0, 3, 2, s32); Store(acc, n, i0, j0, 3, 3, s33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(double[] acc, int n, int i0, int j0, int p, int q, Vector<float> sum)
    {
        int i = i0 + p, j = j0 + q;
        if (i < j && j < n)
        {
            Vector.Widen(sum, out var low, out var high);
            acc[i * n + j] += Vector.Sum(low + high);
        }
    }
}
