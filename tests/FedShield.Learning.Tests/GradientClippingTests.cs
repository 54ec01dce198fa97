using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace FedShield.Learning.Tests;

public class GradientClippingTests
{
    private static readonly Config FixedSeed = Config.QuickThrowOnFailure.WithReplay(
        FSharpOption<Replay>.Some(new Replay(new Rnd(20250101UL), FSharpOption<int>.None)));

    [Fact]
    public void ClipInPlace_AnyGradient_NeverExceedsTheBoundAndKeepsSmallOnes()
    {
        var cases =
            from values in Gen.ArrayOf(Gen.Choose(-100_000, 100_000).Select(v => v / 100f))
            from bound in Gen.Choose(1, 10_000).Select(b => b / 100.0)
            select (values, bound);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var g = (float[])c.values.Clone();
            double before = GradientClipping.ClipInPlace(g, c.bound);
            double after = TestData.Norm(g);
            bool reported = Math.Abs(before - TestData.Norm(c.values)) <= 1e-9 * Math.Max(1, before);
            bool bounded = after <= c.bound * (1 + 1e-6);
            bool untouchedWhenSmall = before > c.bound || g.SequenceEqual(c.values);
            return reported && bounded && untouchedWhenSmall;
        }).Check(FixedSeed);
    }

    [Fact]
    public void ClipInPlace_LargeGradient_ScalesToTheBoundKeepingDirection()
    {
        float[] g = [3, 4];
        Assert.Equal(5, GradientClipping.ClipInPlace(g, 1), 12);
        Assert.Equal(0.6f, g[0], 1e-6f);
        Assert.Equal(0.8f, g[1], 1e-6f);
    }
}
