using System.Runtime.InteropServices;
using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

// Proposition 1: k receives A ‖ B = (W_j ⊕ r_j ⊕ ρ_j) ‖ ((W_j ⊙ ¬m) ⊕ ρ_j) and knows m. The most it can
// compute from them is A ⊕ B = (W_j ⊙ m) ⊕ r_j: bits of r_j where m = 0, and W_j under r_j where m = 1.
public class FflMixingPartnerViewTests
{
    private const int Length = 100_000;

    // χ² with 255 degrees of freedom has mean 255 and standard deviation 22.6; 400 is 6.4σ above the mean.
    private const double ChiSquareThreshold = 400;

    [Fact]
    public void FragmentsXor_WhereMaskIsZero_IsRjAndSameForAnyPartnerUpdate()
    {
        var s = new ExchangeScenario(42, Length);
        var other = FflMixing.Bits(ExchangeScenario.RandomFloats(new Random(1042), Length));

        var view = PartnerView(s.Wj, s);
        var viewOfOther = PartnerView(other, s);

        var zeros = 0;
        var updatesDiffer = 0;
        for (var i = 0; i < Length; i++)
        {
            if (s.Mask[i] != 0)
            {
                continue;
            }

            zeros++;
            updatesDiffer += s.Wj[i] != other[i] ? 1 : 0;
            Assert.Equal(s.Rj[i], view[i]);
            Assert.Equal(view[i], viewOfOther[i]);
        }

        Assert.InRange(zeros, 49_000, 51_000);
        Assert.True(updatesDiffer > zeros * 99 / 100, $"the two partner updates agree at {zeros - updatesDiffer} of {zeros} coordinates");
    }

    [Fact]
    public void FragmentsXor_WhereMaskIsOne_IsWjUnderRj()
    {
        var s = new ExchangeScenario(43, Length);

        var view = PartnerView(s.Wj, s);

        for (var i = 0; i < Length; i++)
        {
            if (s.Mask[i] != 0)
            {
                Assert.Equal(s.Wj[i] ^ s.Rj[i], view[i]);
            }
        }
    }

    [Theory]
    [InlineData(0u)]          // all zeros: the view is r_j alone
    [InlineData(0x3F000000u)] // 0.5f everywhere
    [InlineData(0xBF800000u)] // -1f everywhere
    public void FragmentsXor_WhereMaskIsOneForConstantUpdate_HasUniformBytes(uint constant)
    {
        var s = new ExchangeScenario(44, Length);
        var wj = Enumerable.Repeat(constant, Length).ToArray();

        var view = PartnerView(wj, s);
        var hidden = Selected(view, s.Mask);
        var plain = Selected(wj, s.Mask);

        Assert.InRange(hidden.Length, 4 * 49_000, 4 * 51_000);
        var statistic = ChiSquareOfBytes(hidden);
        Assert.True(statistic < ChiSquareThreshold, $"χ² = {statistic:F1} over {hidden.Length} bytes");
        // The same test does tell a constant update apart from noise.
        Assert.True(ChiSquareOfBytes(plain) > 100 * ChiSquareThreshold);
    }

    private static uint[] PartnerView(uint[] wj, ExchangeScenario s)
    {
        var ab = MemoryMarshal.Cast<byte, uint>(FflMixing.Fragments(wj, s.Rj, s.RhoJ, s.Mask));
        var view = new uint[Length];
        for (var i = 0; i < Length; i++)
        {
            view[i] = ab[i] ^ ab[Length + i];
        }

        return view;
    }

    // The little-endian bytes of the words at the coordinates where m = 1.
    private static byte[] Selected(uint[] words, uint[] mask)
    {
        var kept = words.Where((_, i) => mask[i] != 0).ToArray();
        return MemoryMarshal.AsBytes(kept.AsSpan()).ToArray();
    }

    private static double ChiSquareOfBytes(byte[] bytes)
    {
        var counts = new long[256];
        foreach (var b in bytes)
        {
            counts[b]++;
        }

        var expected = bytes.Length / 256.0;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
