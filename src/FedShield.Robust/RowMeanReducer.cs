using System.Numerics;
using System.Runtime.InteropServices;

namespace FedShield.Robust;

/// <summary>
/// The mean of rows [From, To) of an ordered block, per column, summed in double precision in row
/// order and rounded to float once: the median (one or two middle rows) and the trimmed mean.
/// </summary>
internal readonly struct RowMeanReducer(int from, int to) : IColumnReducer
{
    public void Reduce(ReadOnlySpan<float> block, int width, int lanes, Span<float> destination, Span<double> sums)
    {
        var acc = MemoryMarshal.Cast<double, Vector<double>>(sums[..width]);
        for (int r = from; r < to; r++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(block.Slice(r * width, width));
            for (int v = 0; v < row.Length; v++)
            {
                Vector.Widen(row[v], out var low, out var high);
                if (r == from)
                {
                    acc[2 * v] = low;
                    acc[2 * v + 1] = high;
                }
                else
                {
                    acc[2 * v] += low;
                    acc[2 * v + 1] += high;
                }
            }
        }

        double count = to - from;
        for (int l = 0; l < lanes; l++)
        {
            destination[l] = (float)(sums[l] / count);
        }
    }
}
