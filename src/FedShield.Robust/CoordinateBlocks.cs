using System.Numerics;
using System.Runtime.InteropServices;
using FedShield.Federation.Messages;

namespace FedShield.Robust;

/// <summary>
/// Turns the n values of each coordinate of a block into one output value (a median, a trimmed sum,
/// ...), after a <see cref="CoordinateSortingNetwork"/> has ordered the block.
/// </summary>
internal interface IColumnReducer
{
    /// <summary>
    /// Writes the result of each of the first <paramref name="lanes"/> columns of
    /// <paramref name="block"/> (rows of <paramref name="width"/> floats) to <paramref name="destination"/>.
    /// <paramref name="sums"/> is scratch of <paramref name="width"/> doubles.
    /// </summary>
    void Reduce(ReadOnlySpan<float> block, int width, int lanes, Span<float> destination, Span<double> sums);
}

/// <summary>
/// The coordinate-wise driver of the order-statistic aggregators: the update set is never transposed;
/// instead blocks of <see cref="Width"/> coordinates × n values are gathered into a small per-thread
/// buffer (n · Width floats, in L1/L2), ordered column-wise by a sorting network and reduced, blocks
/// spread over the cores. Every coordinate goes through the same operations whatever the thread,
/// so the result is deterministic.
/// </summary>
internal static class CoordinateBlocks
{
    // Blocks handed to a worker at a time: enough work to amortise the scheduling, small enough to balance.
    private const int BlocksPerTask = 16;

    // Below this many values the work runs on the calling thread.
    private const long ParallelThreshold = 1 << 16;

    /// <summary>Coordinates per block: four hardware vectors.</summary>
    public static int Width => 4 * Vector<float>.Count;

    /// <summary>
    /// Reduces every coordinate of <paramref name="rows"/> (all of <paramref name="length"/> values,
    /// <paramref name="network"/>.Rows of them) with <paramref name="reducer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message names the client and index.</exception>
    public static float[] Reduce<TReducer>(IReadOnlyList<ClientUpdate> rows, int length, CoordinateSortingNetwork network, TReducer reducer)
        where TReducer : struct, IColumnReducer
    {
        int n = rows.Count;
        if (network.Rows != n)
        {
            throw new ArgumentException($"network orders {network.Rows} rows, but {n} updates were given", nameof(network));
        }

        var sources = new float[n][];
        for (int r = 0; r < n; r++)
        {
            sources[r] = rows[r].Values;
        }

        var result = new float[length];
        int width = Width;
        int blocks = (length + width - 1) / width;
        int tasks = (blocks + BlocksPerTask - 1) / BlocksPerTask;
        int nonFinite = 0;
        if (tasks <= 1 || (long)n * length < ParallelThreshold)
        {
            var scratch = new Scratch(n, width);
            for (int t = 0; t < tasks; t++)
            {
                nonFinite |= RunTask(t, sources, length, network, reducer, scratch, result) ? 0 : 1;
            }
        }
        else
        {
            Parallel.For(
                0,
                tasks,
                () => new Scratch(n, width),
                (t, _, scratch) =>
                {
                    if (!RunTask(t, sources, length, network, reducer, scratch, result))
                    {
                        Volatile.Write(ref nonFinite, 1);
                    }

                    return scratch;
                },
                _ => { });
        }

        if (nonFinite != 0)
        {
            RobustMath.ThrowIfAnyNonFinite(rows);
        }

        return result;
    }

    // Gathers, orders and reduces the blocks of task t; false when a value was not finite.
    private static bool RunTask<TReducer>(int t, float[][] sources, int length, CoordinateSortingNetwork network, TReducer reducer, Scratch scratch, float[] result)
        where TReducer : struct, IColumnReducer
    {
        int width = scratch.Width;
        int first = t * BlocksPerTask * width;
        int last = Math.Min(length, first + BlocksPerTask * width);
        var block = scratch.Block.AsSpan();
        var probe = Vector<float>.Zero;
        for (int c0 = first; c0 < last; c0 += width)
        {
            int lanes = Math.Min(width, last - c0);
            for (int r = 0; r < sources.Length; r++)
            {
                var row = block.Slice(r * width, width);
                sources[r].AsSpan(c0, lanes).CopyTo(row);
                if (lanes < width)
                {
                    row[lanes..].Clear();
                }

                // x - x is 0 for every finite x and NaN for NaN and ±∞.
                foreach (var v in MemoryMarshal.Cast<float, Vector<float>>(row))
                {
                    probe += v - v;
                }
            }

            network.Apply(block, width);
            reducer.Reduce(block, width, lanes, result.AsSpan(c0, lanes), scratch.Sums);
        }

        return Vector.EqualsAll(probe, probe);
    }

    private sealed class Scratch(int rows, int width)
    {
        public int Width { get; } = width;

        public float[] Block { get; } = new float[rows * width];

        public double[] Sums { get; } = new double[width];
    }
}
