using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FedShield.Robust;

/// <summary>
/// A compare-exchange network over n rows (Batcher's odd–even merge sort), applied to many columns at
/// once: each comparator takes the element-wise min and max of two rows of a block, so one pass sorts
/// every coordinate of the block with vector instructions and no data-dependent branches.
/// </summary>
/// <remarks>
/// The network is built for the next power of two N ≥ n with rows n..N-1 taken as +∞, which makes
/// every comparator that touches them a no-op, so they are dropped. When only rows [from, to) matter
/// (median, trimmed mean), comparators are pruned backwards: one whose two outputs are both unused is
/// dropped, and, when only the multiset of those rows matters, so is one whose outputs are both
/// members of it (a swap inside the set leaves the set alone).
/// </remarks>
internal sealed class CoordinateSortingNetwork
{
    // Row pairs (a, b), a < b, applied in order: row a gets the min, row b the max.
    private readonly int[] _pairs;

    private CoordinateSortingNetwork(int rows, int[] pairs)
    {
        Rows = rows;
        _pairs = pairs;
    }

    /// <summary>The number of rows the network orders.</summary>
    public int Rows { get; }

    /// <summary>The number of compare-exchange steps.</summary>
    public int ComparatorCount => _pairs.Length / 2;

    /// <summary>A network that sorts all <paramref name="rows"/> rows ascending.</summary>
    public static CoordinateSortingNetwork Sorting(int rows) => new(rows, [.. Batcher(rows)]);

    /// <summary>
    /// A network after which rows [<paramref name="from"/>, <paramref name="to"/>) hold the values a
    /// full sort would put there: in sorted order when <paramref name="ordered"/>, otherwise as a
    /// multiset in any order among themselves (enough when their sum is exact whatever the order, as
    /// for one or two values summed in double precision).
    /// </summary>
    public static CoordinateSortingNetwork Selecting(int rows, int from, int to, bool ordered)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var all = Batcher(rows);
        // State per row, walking backwards: 0 unused, 1 member of the summed set, 2 exact value needed.
        var state = new byte[rows];
        for (int r = from; r < to; r++)
        {
            state[r] = ordered ? (byte)2 : (byte)1;
        }

        var kept = new List<int>();
        for (int c = all.Count - 2; c >= 0; c -= 2)
        {
            int a = all[c], b = all[c + 1];
            if (state[a] == state[b] && state[a] < 2)
            {
                continue;
            }

            state[a] = state[b] = 2;
            kept.Add(b);
            kept.Add(a);
        }

        kept.Reverse();
        return new CoordinateSortingNetwork(rows, [.. kept]);
    }

    /// <summary>
    /// Applies the network to <paramref name="block"/>: <see cref="Rows"/> rows of
    /// <paramref name="width"/> floats each (row r at [r·width, (r+1)·width)), every column independently.
    /// <paramref name="width"/> must be a multiple of <see cref="Vector{T}.Count"/>; values must not be NaN.
    /// </summary>
    public void Apply(Span<float> block, int width)
    {
        if (block.Length < Rows * width || width % Vector<float>.Count != 0)
        {
            throw new ArgumentException($"block of {block.Length} floats cannot hold {Rows} rows of width {width} (a multiple of {Vector<float>.Count})", nameof(block));
        }

        ref float origin = ref MemoryMarshal.GetReference(block);
        int step = Vector<float>.Count;
        var pairs = _pairs;
        for (int c = 0; c < pairs.Length; c += 2)
        {
            ref float a = ref Unsafe.Add(ref origin, pairs[c] * width);
            ref float b = ref Unsafe.Add(ref origin, pairs[c + 1] * width);
            int v = 0;
            for (; v <= width - 2 * step; v += 2 * step)
            {
                var x0 = Vector.LoadUnsafe(ref a, (nuint)v);
                var y0 = Vector.LoadUnsafe(ref b, (nuint)v);
                var x1 = Vector.LoadUnsafe(ref a, (nuint)(v + step));
                var y1 = Vector.LoadUnsafe(ref b, (nuint)(v + step));
                Vector.MinNative(x0, y0).StoreUnsafe(ref a, (nuint)v);
                Vector.MaxNative(x0, y0).StoreUnsafe(ref b, (nuint)v);
                Vector.MinNative(x1, y1).StoreUnsafe(ref a, (nuint)(v + step));
                Vector.MaxNative(x1, y1).StoreUnsafe(ref b, (nuint)(v + step));
            }

            for (; v < width; v += step)
            {
                var x = Vector.LoadUnsafe(ref a, (nuint)v);
                var y = Vector.LoadUnsafe(ref b, (nuint)v);
                Vector.MinNative(x, y).StoreUnsafe(ref a, (nuint)v);
                Vector.MaxNative(x, y).StoreUnsafe(ref b, (nuint)v);
            }
        }
    }

    // Batcher's odd–even merge sort for N = 2^⌈log2 n⌉ inputs, keeping the comparators inside [0, n).
    private static List<int> Batcher(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var pairs = new List<int>();
        int size = 1;
        while (size < n)
        {
            size <<= 1;
        }

        for (int p = 1; p < size; p <<= 1)
        {
            for (int k = p; k >= 1; k >>= 1)
            {
                for (int j = k % p; j + k < size; j += 2 * k)
                {
                    for (int i = 0; i < Math.Min(k, size - j - k); i++)
                    {
                        int a = i + j, b = i + j + k;
                        if (a / (2 * p) == b / (2 * p) && b < n)
                        {
                            pairs.Add(a);
                            pairs.Add(b);
                        }
                    }
                }
            }
        }

        return pairs;
    }
}
