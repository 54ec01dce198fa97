using FedShield.Data.Tabular;

namespace FedShield.Data.Tests.Tabular;

public class StandardizerTests
{
    [Fact]
    public void FitApply_SelectedColumns_MatchColumnByColumnReference()
    {
        var random = new Random(3);
        const int width = 5;
        var rows = new float[40 * width];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)((random.NextDouble() * 1000) - 200);
        }

        int[] columns = [0, 3, 4];
        var copy = (float[])rows.Clone();
        var s = Standardizer.Fit(rows, width, columns);
        s.Apply(copy);
        for (int c = 0; c < width; c++)
        {
            var column = Enumerable.Range(0, 40).Select(r => (double)rows[(r * width) + c]).ToArray();
            double mean = column.Average();
            double std = Math.Sqrt(column.Select(x => (x - mean) * (x - mean)).Average());
            bool fitted = columns.Contains(c);
            Assert.Equal(fitted ? mean : 0, s.Mean[c], 9);
            Assert.Equal(fitted ? std : 1, s.Std[c], 9);
            for (int r = 0; r < 40; r++)
            {
                float expected = fitted ? (float)((rows[(r * width) + c] - mean) / std) : rows[(r * width) + c];
                Assert.Equal(expected, copy[(r * width) + c], 5);
            }
        }
    }

    [Fact]
    public void Fit_ConstantColumn_GetsStdOneAndBecomesZero()
    {
        float[] rows = [7, 1, 7, 2, 7, 3];
        var s = Standardizer.Fit(rows, 2, [0, 1]);
        Assert.Equal(1.0, s.Std[0]);
        s.Apply(rows);
        Assert.Equal([0f, -1.2247449f, 0f, 0f, 0f, 1.2247449f], rows);
    }
}
