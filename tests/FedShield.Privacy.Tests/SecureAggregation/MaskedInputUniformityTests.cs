using System.Numerics;
using FedShield.Federation.Messages;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

/// <summary>
/// One masked input seen alone must look uniform in Z_{2^32} even when the input is as structured as
/// can be (every coordinate equal). Each check is run at significance 10⁻⁶ (chi-square critical
/// values from the Wilson–Hilferty approximation, z = 4.753) or, for the 32 bit positions, at
/// |ones − N/2| ≤ 5.5·σ (two-sided 3.8·10⁻⁸ each): a correct implementation fails this test in
/// about 3 runs in a million.
/// </summary>
public class MaskedInputUniformityTests
{
    private const int Elements = 4096;

    [Fact]
    public async Task MaskedInput_OfAConstantUpdate_PassesUniformityChecks()
    {
        using var h = new SecAggHarness(3, new SecureAggregationOptions(), dimension: Elements - 1, delta: (_, _) => 0.25f);
        var outcome = await h.RunAsync();
        Assert.NotNull(outcome.Aggregation);
        var packed = h.Transport.ReplyOf(0, 1, (int)SecureAggregationStage.MaskedInputCollection).Payload.AsSpan(4).ToArray();
        Assert.Equal(4 * Elements, packed.Length);

        Assert.True(ByteChiSquare(packed) < Critical(255), $"byte chi-square {ByteChiSquare(packed):F1} ≥ {Critical(255):F1}");
        Assert.True(TopNibbleChiSquare(packed) < Critical(15), $"top-nibble chi-square {TopNibbleChiSquare(packed):F1} ≥ {Critical(15):F1}");
        for (var bit = 0; bit < 32; bit++)
        {
            var ones = Words(packed).Count(w => ((w >> bit) & 1) != 0);
            Assert.True(Math.Abs(ones - (Elements / 2.0)) <= 5.5 * Math.Sqrt(Elements / 4.0), $"bit {bit} is set in {ones} of {Elements} elements");
        }

        // The checks have power: the same input without masks fails them.
        var p = h.Parameters();
        var plain = new ulong[p.Elements];
        FixedPointCodec.Encode(h.Honest[0].DeltaFor(1, p.Dimension), 3, p, plain);
        var plainBytes = MaskedInput.Encode(plain, p).AsSpan(4).ToArray();
        Assert.True(ByteChiSquare(plainBytes) > Critical(255));
        Assert.True(TopNibbleChiSquare(plainBytes) > Critical(15));
    }

    [Fact]
    public async Task MaskedInputs_OfTheSameUpdateInTwoRounds_AreUnrelated()
    {
        using var h = new SecAggHarness(3, new SecureAggregationOptions(), dimension: Elements - 1, delta: (_, _) => 0.25f);
        await h.RunAsync(1);
        await h.RunAsync(2);
        var a = Words(h.Transport.ReplyOf(0, 1, 2).Payload.AsSpan(4).ToArray()).ToArray();
        var b = Words(h.Transport.ReplyOf(0, 2, 2).Payload.AsSpan(4).ToArray()).ToArray();

        // Fresh keys and seeds each round: the XOR of the two is itself balanced.
        var differingBits = a.Zip(b, (x, y) => BitOperations.PopCount(x ^ y)).Sum();
        var n = 32.0 * Elements;
        Assert.True(Math.Abs(differingBits - (n / 2)) <= 5.5 * Math.Sqrt(n / 4), $"{differingBits} of {n} bits differ");
    }

    private static IEnumerable<uint> Words(byte[] packed)
    {
        for (var i = 0; i + 4 <= packed.Length; i += 4)
        {
            yield return BitConverter.ToUInt32(packed, i);
        }
    }

    private static double ByteChiSquare(byte[] bytes)
    {
        var counts = new int[256];
        foreach (var b in bytes)
        {
            counts[b]++;
        }

        return ChiSquare(counts, bytes.Length / 256.0);
    }

    private static double TopNibbleChiSquare(byte[] packed)
    {
        var counts = new int[16];
        foreach (var w in Words(packed))
        {
            counts[w >> 28]++;
        }

        return ChiSquare(counts, Elements / 16.0);
    }

    private static double ChiSquare(int[] counts, double expected) => counts.Sum(c => (c - expected) * (c - expected) / expected);

    /// <summary>The chi-square quantile at 1 − 10⁻⁶ by Wilson–Hilferty.</summary>
    private static double Critical(int degrees)
    {
        const double z = 4.753;
        var a = 2.0 / (9 * degrees);
        return degrees * Math.Pow(1 - a + (z * Math.Sqrt(a)), 3);
    }
}
