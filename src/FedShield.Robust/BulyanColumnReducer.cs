namespace FedShield.Robust;

/// <summary>
/// Bulyan's per-coordinate step over θ fully sorted rows: the mean of the β values closest to the
/// median of the θ (the median being the mean of the two middle values for even θ). The β closest
/// values form a window of the sorted column; it is found by dropping, θ − β times, whichever end
/// lies farther from the median (the upper end on a tie). Sums in double precision.
/// </summary>
internal readonly struct BulyanColumnReducer(int theta, int beta) : IColumnReducer
{
    public void Reduce(ReadOnlySpan<float> block, int width, int lanes, Span<float> destination, Span<double> sums)
    {
        for (int l = 0; l < lanes; l++)
        {
            double median = (theta & 1) == 1
                ? block[theta / 2 * width + l]
                : ((double)block[(theta / 2 - 1) * width + l] + block[theta / 2 * width + l]) / 2;
            int a = 0, b = theta;
            for (int s = 0; s < theta - beta; s++)
            {
                if (median - block[a * width + l] > block[(b - 1) * width + l] - median)
                {
                    a++;
                }
                else
                {
                    b--;
                }
            }

            double sum = 0;
            for (int r = a; r < b; r++)
            {
                sum += block[r * width + l];
            }

            destination[l] = (float)(sum / beta);
        }
    }
}
