using FedShield.Privacy.SecureAggregation;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class FixedPointCodecTests
{
    private static RoundParameters Parameters(int n = 2, int bits = 16, double c = 1, long w = 1, double? clipNorm = null, bool weighted = false, int d = 3) =>
        new(SecureAggregationVariant.SecAgg, n, bits, c, w, clipNorm, weighted, d, 0);

    [Fact]
    public void Encode_HandComputedValues()
    {
        // n = 2, 16 bits: B = ⌊32767/2⌋ = 16383 and S = 16383 (c = 1, W = 1).
        var p = Parameters();
        Assert.Equal(16383UL, p.PerClientBound);
        Assert.Equal(16383.0, p.Scale);
        var encoded = new ulong[4];
        FixedPointCodec.Encode([0.5f, -2f, 0.25f], 1, p, encoded);
        Assert.Equal(8192UL, encoded[0]);                                  // round(8191.5) to even
        Assert.Equal(unchecked((ulong)-16383L), encoded[1]);               // clipped to −1
        Assert.Equal(4096UL, encoded[2]);                                  // round(4095.75)
        Assert.Equal(1UL, encoded[3]);                                     // the weight
    }

    [Fact]
    public void Encode_WeightedAndL2Clipped_HandComputedValues()
    {
        // W = 10, clip norm 0.5 < c = 1: c_eff = 0.5, S = 16383/(0.5·10) = 3276.6; (3, 4) scales to (0.3, 0.4).
        var p = Parameters(c: 1, w: 10, clipNorm: 0.5, weighted: true, d: 2);
        Assert.Equal(3276.6, p.Scale, 10);
        var encoded = new ulong[3];
        FixedPointCodec.Encode([3f, 4f], 7, p, encoded);
        Assert.Equal((ulong)Math.Round(0.3 * 7 * 3276.6), encoded[0]);
        Assert.Equal((ulong)Math.Round(0.4 * 7 * 3276.6), encoded[1]);
        Assert.Equal(7UL, encoded[2]);
        Assert.Equal(7, FixedPointCodec.WeightOf(7, p));
        Assert.Equal(10, FixedPointCodec.WeightOf(5000, p));
        Assert.Equal(1, FixedPointCodec.WeightOf(5000, Parameters()));
    }

    [Fact]
    public void Decode_SumOfTwo_SignExtendsAndScales()
    {
        var p = Parameters();
        var a = new ulong[4];
        var b = new ulong[4];
        FixedPointCodec.Encode([0.5f, -2f, -0.25f], 1, p, a);
        FixedPointCodec.Encode([-1f, -1f, 0f], 1, p, b);
        var sum = a.Zip(b, (x, y) => (x + y) & p.Mask).ToArray();
        var decoded = new double[3];
        var weight = FixedPointCodec.Decode(sum, p, decoded);
        Assert.Equal(2, weight);
        Assert.Equal((8192 - 16383) / 16383.0, decoded[0], 12);
        Assert.Equal(-2.0, decoded[1], 12);
        Assert.Equal(-4096 / 16383.0, decoded[2], 12);
    }

    [Fact]
    public void Encode_BadInput_IsRejected()
    {
        var p = Parameters();
        Assert.Throws<ArgumentException>(() => FixedPointCodec.Encode([1f, float.NaN, 0f], 1, p, new ulong[4]));
        Assert.Throws<ArgumentException>(() => FixedPointCodec.Encode([1f, 0f], 1, p, new ulong[4]));
        Assert.Throws<ArgumentException>(() => FixedPointCodec.Encode([1f, 0f, 0f], 2, p, new ulong[4]));
    }

    [Fact]
    public void DecodedMean_AnyInputs_WithinTheDocumentedBound()
    {
        var cases =
            from n in Gen.Choose(2, 30)
            from bits in Gen.Elements(8, 12, 16, 24, 32, 48, 64)
            from weighted in Gen.Elements(false, true)
            from seed in Gen.Choose(0, 100_000)
            select (n, bits, weighted, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var p = new RoundParameters(SecureAggregationVariant.SecAgg, c.n, c.bits, 0.75, 40, null, c.weighted, 5, 0);
            if (p.Problem() is not null)
            {
                return true; // e.g. 8 bits cannot hold 30 clients' weights: nothing to decode
            }

            var survivors = random.Next(1, c.n + 1);
            var sum = new ulong[p.Elements];
            var exact = new double[p.Dimension];
            double totalWeight = 0;
            for (var u = 0; u < survivors; u++)
            {
                var x = Enumerable.Range(0, p.Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
                var w = FixedPointCodec.WeightOf(random.Next(1, 60), p);
                var e = new ulong[p.Elements];
                FixedPointCodec.Encode(x, w, p, e);
                for (var i = 0; i < e.Length; i++)
                {
                    sum[i] += e[i];
                }

                for (var i = 0; i < x.Length; i++)
                {
                    exact[i] += w * Math.Clamp((double)x[i], -0.75, 0.75);
                }

                totalWeight += w;
            }

            var decoded = new double[p.Dimension];
            var weight = FixedPointCodec.Decode(sum.Select(v => v & p.Mask).ToArray(), p, decoded);
            var bound = p.MeanErrorBound(survivors, weight);
            return weight == totalWeight
                && decoded.Select((v, i) => Math.Abs((v / weight) - (exact[i] / totalWeight))).All(e => e <= bound * (1 + 1e-9));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Problem_TooNarrowRing_IsNamed()
    {
        Assert.Contains("total weight", Parameters(n: 30, bits: 8, w: 10, weighted: true).Problem(), StringComparison.Ordinal);
        Assert.Contains("at least 2 clients", Parameters(n: 1).Problem(), StringComparison.Ordinal);
        Assert.Null(Parameters(n: 127, bits: 8).Problem());
        Assert.Contains("no room", Parameters(n: 128, bits: 8).Problem(), StringComparison.Ordinal);
    }
}
