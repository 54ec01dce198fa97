using FedShield.Privacy.Crypto;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class GaussianNoiseTests
{
    private const int N = 200_000;

    [Fact]
    public void Fill_FixedSeed_MomentsOfStandardNormal()
    {
        var z = DpTesting.Normals(7, N);
        double mean = z.Average();
        double m2 = 0, m4 = 0;
        foreach (var x in z)
        {
            var d = x - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }

        m2 /= N;
        m4 /= N;
        var excessKurtosis = (m4 / (m2 * m2)) - 3;

        // Five standard errors: sd(mean) = 1/√N, sd(var) = √(2/N), sd(excess kurtosis) ≈ √(24/N).
        Assert.InRange(mean, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
        Assert.InRange(m2, 1 - (5 * Math.Sqrt(2.0 / N)), 1 + (5 * Math.Sqrt(2.0 / N)));
        Assert.InRange(excessKurtosis, -5 * Math.Sqrt(24.0 / N), 5 * Math.Sqrt(24.0 / N));
    }

    [Fact]
    public void Fill_FixedSeed_PassesKolmogorovSmirnov()
    {
        var z = DpTesting.Normals(11, N);
        Array.Sort(z);
        double d = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var f = DpTesting.NormalCdf(z[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / N) - f, f - ((double)i / N)));
        }

        // The 1% critical value of the one-sample KS statistic is about 1.63/√N.
        Assert.True(d < 1.63 / Math.Sqrt(N), $"KS statistic {d}");
    }

    [Fact]
    public void Fill_FixedSeed_TailFrequenciesMatchNormal()
    {
        var z = DpTesting.Normals(13, N);
        var beyond2 = z.Count(x => Math.Abs(x) > 2) / (double)N;
        var beyond3 = z.Count(x => Math.Abs(x) > 3) / (double)N;

        // P(|Z| > 2) = 0.0455003, P(|Z| > 3) = 0.0026998; four binomial standard errors.
        Assert.InRange(beyond2, 0.0455003 - (4 * Math.Sqrt(0.0455 * 0.9545 / N)), 0.0455003 + (4 * Math.Sqrt(0.0455 * 0.9545 / N)));
        Assert.InRange(beyond3, 0.0026998 - (4 * Math.Sqrt(0.0027 * 0.9973 / N)), 0.0026998 + (4 * Math.Sqrt(0.0027 * 0.9973 / N)));
        Assert.All(z, x => Assert.True(Math.Abs(x) <= 8.58, $"{x} beyond the largest Box–Muller radius"));
    }

    [Fact]
    public void Fill_ConsecutiveValues_Uncorrelated()
    {
        var z = DpTesting.Normals(17, N);
        double lag1 = 0, lag2 = 0;
        for (var i = 0; i + 2 < z.Length; i++)
        {
            lag1 += z[i] * z[i + 1];
            lag2 += z[i] * z[i + 2];
        }

        Assert.InRange(lag1 / N, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
        Assert.InRange(lag2 / N, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
    }

    [Fact]
    public void SameSeed_SameStream_OtherSeed_OtherStream()
    {
        var a = DpTesting.Normals(3, 1000);
        var b = DpTesting.Normals(3, 1000);
        var c = DpTesting.Normals(4, 1000);
        Assert.Equal(a, b);
        Assert.DoesNotContain(a.Zip(c), p => p.First == p.Second);
    }

    [Fact]
    public void Stream_DoesNotDependOnHowItIsRead()
    {
        var reference = DpTesting.Normals(5, 2000);
        using var noise = DpTesting.Noise(5);
        var read = new List<double>();
        read.Add(noise.Next());
        var odd = new double[7];
        noise.Fill(odd, 1.0);
        read.AddRange(odd);
        read.Add(noise.Next(1.0));
        var floats = new float[1500];
        noise.AddInPlace(floats, 1.0);
        read.AddRange(floats.Select(f => (double)f));
        var rest = new float[2000 - read.Count];
        noise.Fill(rest, 1.0);
        read.AddRange(rest.Select(f => (double)f));

        // Every draw agrees with the reference stream, to float rounding where floats were written.
        Assert.Equal(reference.Length, read.Count);
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], read[i], Math.Abs(reference[i]) * 1e-7);
        }

        Assert.Equal(reference[0], read[0]);
        Assert.Equal(reference[8], read[8]);
    }

    [Fact]
    public void AddInPlace_AddsScaledStream()
    {
        var values = Enumerable.Range(0, 101).Select(i => i * 0.5f).ToArray();
        var original = (float[])values.Clone();
        using (var noise = DpTesting.Noise(9))
        {
            noise.AddInPlace(values, 3.0);
        }

        var z = DpTesting.Normals(9, 101);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal((float)(original[i] + (3.0 * z[i])), values[i]);
        }
    }

    [Fact]
    public void Fill_Sigma_ScalesStandardDeviation()
    {
        using var noise = DpTesting.Noise(21);
        var values = new float[50_000];
        noise.Fill(values, 0.25);
        var sd = Math.Sqrt(values.Select(v => (double)v * v).Average());
        Assert.InRange(sd, 0.25 * 0.98, 0.25 * 1.02);
    }

    [Fact]
    public void ZeroSigma_LeavesValuesUnchanged()
    {
        using var noise = DpTesting.Noise(1);
        var values = new[] { 1f, -2f, 3.5f };
        noise.AddInPlace(values, 0);
        Assert.Equal([1f, -2f, 3.5f], values);
    }

    [Fact]
    public void DefaultSampler_KeyedByOsRandom_DiffersBetweenInstances()
    {
        using var a = new GaussianNoise();
        using var b = new GaussianNoise();
        var x = new double[16];
        var y = new double[16];
        a.Fill(x, 1);
        b.Fill(y, 1);
        Assert.NotEqual(x, y);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadSigma_Throws(double sigma)
    {
        using var noise = DpTesting.Noise(1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => noise.AddInPlace(new float[3], sigma));
        Assert.Equal("sigma", ex.ParamName);
    }

    [Fact]
    public void Dispose_OwnsGeneratorOnlyWhenAsked()
    {
        using var prg = new Prg(DpTesting.Seed(2));
        var borrowed = new GaussianNoise(prg);
        borrowed.Next();
        borrowed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => borrowed.Next());
        prg.NextDouble(); // still usable: the sampler did not own it

        var owning = new GaussianNoise(new Prg(DpTesting.Seed(2)), ownsGenerator: true);
        owning.Dispose();
        Assert.Throws<ObjectDisposedException>(() => owning.Next());
    }
}
