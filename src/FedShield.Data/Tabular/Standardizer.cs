namespace FedShield.Data.Tabular;

/// <summary>
/// Per-column standardisation <c>(x − mean) / std</c> with statistics fitted on training data and applied
/// unchanged to test data. Columns with zero variance get std 1 (they become 0, not NaN).
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _std;
    private readonly int[] _columns;

    private Standardizer(double[] mean, double[] std, int[] columns)
    {
        _mean = mean;
        _std = std;
        _columns = columns;
    }

    /// <summary>Column means fitted on the training data.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Column standard deviations (population) fitted on the training data; 1 where a column is constant.</summary>
    public IReadOnlyList<double> Std => _std;

    /// <summary>
    /// Fits the statistics of the columns listed in <paramref name="columns"/> of the row-major matrix
    /// <paramref name="rows"/> (<c>rowCount × width</c>). Other columns are left alone by <see cref="Apply"/>.
    /// </summary>
    public static Standardizer Fit(ReadOnlySpan<float> rows, int width, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (width <= 0 || rows.Length % width != 0)
        {
            throw new ArgumentException($"Standardizer: {rows.Length} values do not form rows of width {width}.", nameof(rows));
        }

        int n = rows.Length / width;
        var mean = new double[width];
        var std = new double[width];
        Array.Fill(std, 1.0);
        var fitted = new int[columns.Count];
        for (int k = 0; k < fitted.Length; k++)
        {
            int c = columns[k];
            if ((uint)c >= (uint)width)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"Standardizer: column {c} is outside [0, {width}).");
            }

            fitted[k] = c;
        }

        // Two passes in double: exact enough for features spanning many orders of magnitude. Each pass walks
        // the rows once (not once per column), so a wide matrix is read from memory twice in all; every
        // column still sums its values in row order.
        var sum = new double[fitted.Length];
        for (int r = 0; r < n; r++)
        {
            var row = rows.Slice(r * width, width);
            for (int k = 0; k < fitted.Length; k++)
            {
                sum[k] += row[fitted[k]];
            }
        }

        var m = new double[fitted.Length];
        for (int k = 0; k < fitted.Length; k++)
        {
            m[k] = n == 0 ? 0 : sum[k] / n;
        }

        var sq = new double[fitted.Length];
        for (int r = 0; r < n; r++)
        {
            var row = rows.Slice(r * width, width);
            for (int k = 0; k < fitted.Length; k++)
            {
                double d = row[fitted[k]] - m[k];
                sq[k] += d * d;
            }
        }

        for (int k = 0; k < fitted.Length; k++)
        {
            double s = n == 0 ? 0 : Math.Sqrt(sq[k] / n);
            mean[fitted[k]] = m[k];
            std[fitted[k]] = s > 1e-12 ? s : 1.0;
        }

        return new Standardizer(mean, std, [.. fitted.Distinct()]);
    }

    /// <summary>Standardises, in place, the fitted columns of <paramref name="rows"/> (row-major, same width as fitted).</summary>
    public void Apply(Span<float> rows)
    {
        int width = _mean.Length;
        if (rows.Length % width != 0)
        {
            throw new ArgumentException($"Standardizer: {rows.Length} values do not form rows of width {width}.", nameof(rows));
        }

        // Other columns have mean 0 and std 1, which leaves them unchanged: skip them.
        for (int r = 0; r < rows.Length; r += width)
        {
            var row = rows.Slice(r, width);
            foreach (int c in _columns)
            {
                row[c] = (float)((row[c] - _mean[c]) / _std[c]);
            }
        }
    }
}
