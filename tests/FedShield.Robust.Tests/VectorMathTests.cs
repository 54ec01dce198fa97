namespace FedShield.Robust.Tests;

public class VectorMathTests
{
    [Fact]
    public void Reductions_AllLengthsUpTo40_MatchNaiveSums()
    {
        var random = new Random(7);
        for (var length = 0; length <= 40; length++)
        {
            var a = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var z = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();

            double dot = 0, distance = 0;
            for (var i = 0; i < length; i++)
            {
                dot += (double)a[i] * b[i];
                distance += (z[i] - a[i]) * (z[i] - a[i]);
            }

            Assert.Equal(dot, VectorMath.Dot(a, b), 12);
            Assert.Equal(Math.Sqrt(distance), VectorMath.Distance(z, a), 12);
            Assert.Equal(Math.Sqrt(VectorMath.SquaredNorm(a)), VectorMath.Norm(a));
        }
    }

    [Fact]
    public void AddScaledInPlace_ThenToSingle_DividesBackExactly()
    {
        var acc = new double[3];
        VectorMath.AddScaledInPlace(acc, 3, [0.1f, -2.5f, 7f]);
        VectorMath.AddScaledInPlace(acc, 4, [0.1f, -2.5f, 7f]);

        Assert.Equal([0.1f, -2.5f, 7f], VectorMath.ToSingle(acc, 7));
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 3.0, 1.0 }, 2.0)]
    [InlineData(new[] { 9.0, 1.0, 4.0 }, 4.0)]
    [InlineData(new[] { 8.0, 1.0, 4.0, 2.0 }, 3.0)]
    public void MedianInPlace_OddAndEvenCounts(double[] values, double expected) =>
        Assert.Equal(expected, VectorMath.MedianInPlace(values));
}
