namespace FedShield.Data.Tabular;

/// <summary>
/// Per-column standardisation <c>(x − mean) / std</c> with statistics fitted on training data and applied
/// unchanged to test data. Columns with zero variance get std 1 (they become 0, not NaN).
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _std;

    private Standardizer(double[] mean, double[] std)
    {
        _mean = mean;
        _std = std;
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
        foreach (int c in columns)
        {
            if ((uint)c >= (uint)width)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"Standardizer: column {c} is outside [0, {width}).");
            }

            // Two passes in double: exact enough for features spanning many orders of magnitude.
            double sum = 0;
            for (int r = 0; r < n; r++)
            {
                sum += rows[(r * width) + c];
            }

            double m = n == 0 ? 0 : sum / n;
            double sq = 0;
            for (int r = 0; r < n; r++)
            {
                double d = rows[(r * width) + c] - m;
                sq += d * d;
            }

            double s = n == 0 ? 0 : Math.Sqrt(sq / n);
            mean[c] = m;
            std[c] = s > 1e-12 ? s : 1.0;
        }

        return new Standardizer(mean, std);
    }

    /// <summary>Standardises, in place, the fitted columns of <paramref name="rows"/> (row-major, same width as fitted).</summary>
    public void Apply(Span<float> rows)
    {
        int width = _mean.Length;
        if (rows.Length % width != 0)
        {
            throw new ArgumentException($"Standardizer: {rows.Length} values do not form rows of width {width}.", nameof(rows));
        }

        for (int r = 0; r < rows.Length; r += width)
        {
            for (int c = 0; c < width; c++)
            {
                rows[r + c] = (float)((rows[r + c] - _mean[c]) / _std[c]);
            }
        }
    }
}
