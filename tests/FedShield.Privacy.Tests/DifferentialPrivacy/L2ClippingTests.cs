using FedShield.Privacy.DifferentialPrivacy;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class L2ClippingTests
{
    [Fact]
    public void ClipInPlace_ThreeFour_ScaledToUnitNorm()
    {
        var delta = new[] { 3f, 4f };
        var norm = L2Clipping.ClipInPlace(delta, 1.0);
        Assert.Equal(5.0, norm);
        Assert.Equal(0.6f, delta[0], 1e-6f);
        Assert.Equal(0.8f, delta[1], 1e-6f);
        Assert.True(L2Clipping.Norm(delta) <= 1.0);
    }

    [Fact]
    public void ClipInPlace_WithinBound_Unchanged()
    {
        var delta = new[] { 0.3f, -0.4f };
        var norm = L2Clipping.ClipInPlace(delta, 0.6);
        Assert.Equal(Math.Sqrt((0.3f * (double)0.3f) + (0.4f * (double)0.4f)), norm);
        Assert.Equal([0.3f, -0.4f], delta);
    }

    [Fact]
    public void ClipInPlace_Empty_AndZero_Unchanged()
    {
        Assert.Equal(0, L2Clipping.ClipInPlace(Span<float>.Empty, 1));
        var zero = new float[4];
        Assert.Equal(0, L2Clipping.ClipInPlace(zero, 1e-30));
        Assert.All(zero, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ClipInPlace_Property_NormNeverExceedsBound_DirectionKept()
    {
        var cases =
            from length in Gen.Choose(1, 64)
            from exponent in Gen.Choose(-20, 20)
            from raw in Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000), length)
            from boundMantissa in Gen.Choose(1, 1000)
            from boundExponent in Gen.Choose(-12, 12)
            select (Values: raw.Select(r => (float)(r * Math.Pow(2, exponent) / 1e6)).ToArray(), Bound: boundMantissa * Math.Pow(10, boundExponent) / 7.0);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var original = (float[])c.Values.Clone();
            var delta = (float[])c.Values.Clone();
            var before = L2Clipping.ClipInPlace(delta, c.Bound);
            var after = L2Clipping.Norm(delta);
            if (before != L2Clipping.Norm(original) || after > c.Bound)
            {
                return false;
            }

            if (before <= c.Bound)
            {
                return delta.AsSpan().SequenceEqual(original);
            }

            // Scaled down to the bound, up to float rounding, and pointing the same way.
            double dot = 0;
            for (var i = 0; i < delta.Length; i++)
            {
                dot += (double)delta[i] * original[i];
            }

            var cosine = dot / (after * before);
            return after >= c.Bound * (1 - 1e-5) && cosine > 1 - 1e-6;
        }).Check(DpTesting.FixedSeed);
    }

    [Fact]
    public void ClipInPlace_RoundingWouldOvershoot_StillWithinBound()
    {
        // Many equal elements make the rounding of each one push the norm the same way.
        foreach (var bound in new[] { 1.0, 0.1, 3.0, 1e-3, 7.77 })
        {
            for (var n = 1; n <= 300; n += 7)
            {
                var delta = Enumerable.Range(0, n).Select(i => 1.1f + (i % 3 * 0.37f)).ToArray();
                L2Clipping.ClipInPlace(delta, bound);
                Assert.True(L2Clipping.Norm(delta) <= bound, $"n={n} bound={bound}: {L2Clipping.Norm(delta)}");
            }
        }
    }

    [Fact]
    public void ClipInPlace_NonFinite_ThrowsNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => L2Clipping.ClipInPlace(new[] { 1f, float.NaN }, 1));
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ClipInPlace_BadBound_Throws(double bound)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => L2Clipping.ClipInPlace(new[] { 1f }, bound));
        Assert.Equal("bound", ex.ParamName);
    }
}
