using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

public class FflReputationTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 1.75)]   // position 0.75 between 1 and 2
    [InlineData(new[] { 3.0, 1, 2 }, 1.5)]       // sorted 1, 2, 3; position 0.5
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 0.0, 0, 0, 10 }, 0.0)]   // position 0.75 between 0 and 0
    [InlineData(new[] { -1.0, 0, 1, 2, 3 }, 0.0)] // position 1 exactly
    [InlineData(new[] { 10.0, 20, 30, 40, 50, 60 }, 22.5)] // position 1.25
    public void FirstQuartile_HandComputedCases_MatchNumPyLinearQuantile(double[] values, double expected)
    {
        Assert.Equal(expected, FflReputation.FirstQuartile(values), 15);
    }

    [Fact]
    public void FirstQuartile_Empty_IsZero()
    {
        Assert.Equal(0.0, FflReputation.FirstQuartile(ReadOnlySpan<double>.Empty));
    }

    [Fact]
    public void Similarity_ThreeSmallUpdates_MatchesHandComputation()
    {
        float[][] mixed =
        [
            [1, 0, 2, 2],  // ‖g‖ = 3,  last layer (2, 2)
            [0, 4, 0, 3],  // ‖g‖ = 5,  last layer (0, 3)
            [0, 0, -6, 8], // ‖g‖ = 10, last layer (−6, 8)
        ];
        const double alpha = 0.2;

        // eq. 5: med = 5, distances |5 − 3| = 2, 0, 5; normalised ds = 1 − d/5 = 0.6, 1, 0.
        // eq. 6: coordinate-wise median of the last layers = (median(2, 0, −6), median(2, 3, 8)) = (0, 3);
        // cos = 6 / (√8·3) = 1/√2, 9 / (3·3) = 1, 24 / (10·3) = 0.8; cs = (cos + 1) / 2.
        double[] expected =
        [
            (alpha * 0.6) + ((1 - alpha) * (1 + (1 / Math.Sqrt(2))) / 2), // 0.80284271…
            (alpha * 1.0) + ((1 - alpha) * (1 + 1.0) / 2),                // 1
            (alpha * 0.0) + ((1 - alpha) * (1 + 0.8) / 2),                // 0.72
        ];

        var sim = FflReputation.Similarity(mixed, 2.., alpha);

        Assert.Equal(3, sim.Length);
        for (var k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(expected[k] - sim[k]) < 1e-12, $"sim[{k}] = {sim[k]:R}, expected {expected[k]:R}");
        }

        Assert.True(Math.Abs(0.8028427124746190 - sim[0]) < 1e-12);
    }

    [Fact]
    public void Similarity_OneLargeMagnitudeOutlier_GetsTheLowestSimilarity()
    {
        const int n = 6;
        const int outlier = 3;
        var rng = new Random(42);
        var direction = ExchangeScenario.RandomFloats(rng, 20).Select(v => Math.Clamp(v, -1f, 1f)).ToArray();
        var mixed = new float[n][];
        for (var k = 0; k < n; k++)
        {
            mixed[k] = direction.Select(v => v + (float)(0.1 * ((2 * rng.NextDouble()) - 1))).ToArray();
        }

        mixed[outlier] = mixed[outlier].Select(v => 50 * v).ToArray();

        var sim = FflReputation.Similarity(mixed, 15.., 0.5);

        var lowest = Array.IndexOf(sim, sim.Min());
        Assert.Equal(outlier, lowest);
        // Its magnitude is farthest from the median, so its normalised ds is 0 and only the cosine counts.
        Assert.True(sim[outlier] <= 0.5 + 1e-12, $"outlier similarity {sim[outlier]:R}");
        Assert.All(sim.Where((_, k) => k != outlier), s => Assert.True(s > 0.8, $"honest similarity {s:R}"));
    }

    [Theory]
    [InlineData(8f)]
    [InlineData(0.25f)]
    [InlineData(3f)]
    [InlineData(1000f)]
    public void Similarity_AllUpdatesScaledByPositiveConstant_IsUnchanged(float scale)
    {
        var rng = new Random(42);
        var mixed = Enumerable.Range(0, 7)
            .Select(k => ExchangeScenario.RandomFloats(rng, 12).Select(v => Math.Clamp(v, -5f, 5f) * (k + 1)).ToArray())
            .ToArray();
        var scaled = mixed.Select(u => u.Select(v => v * scale).ToArray()).ToArray();

        var sim = FflReputation.Similarity(mixed, 8.., 0.3);
        var simScaled = FflReputation.Similarity(scaled, 8.., 0.3);

        Assert.True(sim.Max() - sim.Min() > 0.1, "the similarities should not be degenerate");
        for (var k = 0; k < sim.Length; k++)
        {
            Assert.True(Math.Abs(sim[k] - simScaled[k]) < 1e-6, $"sim[{k}]: {sim[k]:R} vs {simScaled[k]:R}");
        }
    }

    [Fact]
    public void Trust_IntegerReputations_AreTanhAboveFirstQuartileAndZeroAtOrBelow()
    {
        // Sorted −1, 0, 0.5, 1, 2: Q1 at position 1 is 0.
        var trust = FflReputation.Trust([0.5, -1, 2, 1, 0]);

        double[] expected = [0.46211715726000974, 0, 0.9640275800758169, 0.7615941559557649, 0];
        Assert.Equal(expected.Length, trust.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], trust[i], 15);
        }

        Assert.Equal(0.0, trust[1]); // below Q1
        Assert.Equal(0.0, trust[4]); // exactly Q1
    }

    [Fact]
    public void Trust_InterpolatedFirstQuartile_ShiftsEveryReputation()
    {
        // Q1 of 1, 2, 3, 4 is 1.75: ν = max(tanh(γ − 1.75), 0).
        var trust = FflReputation.Trust([4, 1, 3, 2]);

        double[] expected = [0.9780261147388136, 0, 0.8482836399575129, 0.24491866240370913];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], trust[i], 15);
        }
    }
}
