using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

// Expressions (2) and (3) of EXCHANGE_FRAGMENTS: after the server removes the partner's pad, k's mixed
// update holds W_k where m = 0 and W_j where m = 1, j's holds the complement, and together they sum to
// W_k + W_j.
public class FflMixingAlgebraTests
{
    private const int Length = 10_000;

    [Fact]
    public void Fragments_Layout_IsAThenB()
    {
        var s = new ExchangeScenario(42, Length);

        var words = Words(FflMixing.Fragments(s.Wj, s.Rj, s.RhoJ, s.Mask));

        Assert.Equal(2 * Length, words.Length);
        for (var i = 0; i < Length; i++)
        {
            Assert.Equal(s.Wj[i] ^ s.Rj[i] ^ s.RhoJ[i], words[i]);
            Assert.Equal((s.Mask[i] == 0 ? s.Wj[i] : 0u) ^ s.RhoJ[i], words[Length + i]);
        }
    }

    [Fact]
    public void Mix_ForK_UnpaddedWithRj_TakesWkWhereMaskIsZeroAndWjWhereOne()
    {
        var s = new ExchangeScenario(42, Length);

        var mixK = FflMixing.Mix(s.Wk, s.Mask, FflMixing.Fragments(s.Wj, s.Rj, s.RhoJ, s.Mask));
        var showing = CountEqualToEither(mixK, s.Wk, s.Wj);
        FflMixing.Unpad(mixK, s.Rj);

        Assert.Equal(0, showing); // before Unpad no coordinate shows either update
        AssertTakesFrom(mixK, whereZero: s.Wk, whereOne: s.Wj, s.Mask);
    }

    [Fact]
    public void Mix_ForJ_UnpaddedWithRk_TakesWjWhereMaskIsZeroAndWkWhereOne()
    {
        var s = new ExchangeScenario(43, Length);

        var mixJ = FflMixing.Mix(s.Wj, s.Mask, FflMixing.Fragments(s.Wk, s.Rk, s.RhoK, s.Mask));
        FflMixing.Unpad(mixJ, s.Rk);

        AssertTakesFrom(mixJ, whereZero: s.Wj, whereOne: s.Wk, s.Mask);
    }

    [Fact]
    public void Mix_BothDecryptedMixedUpdatesSummed_EqualWkPlusWjExactly()
    {
        var s = new ExchangeScenario(44, Length);
        var mixK = FflMixing.Mix(s.Wk, s.Mask, FflMixing.Fragments(s.Wj, s.Rj, s.RhoJ, s.Mask));
        var mixJ = FflMixing.Mix(s.Wj, s.Mask, FflMixing.Fragments(s.Wk, s.Rk, s.RhoK, s.Mask));
        FflMixing.Unpad(mixK, s.Rj);
        FflMixing.Unpad(mixJ, s.Rk);

        var floatsK = FflMixing.Floats(mixK);
        var floatsJ = FflMixing.Floats(mixJ);

        for (var i = 0; i < Length; i++)
        {
            Assert.Equal((double)s.WkFloats[i] + s.WjFloats[i], (double)floatsK[i] + floatsJ[i]);
        }

        // Mixing really moved coordinates: neither mixed update is its owner's update.
        Assert.NotEqual(s.WkFloats, floatsK);
        Assert.NotEqual(s.WjFloats, floatsJ);
    }

    [Fact]
    public void Unpad_Twice_RestoresTheWords()
    {
        var s = new ExchangeScenario(45, 64);
        var words = (uint[])s.Wk.Clone();

        FflMixing.Unpad(words, s.Rk);
        Assert.NotEqual(s.Wk, words);
        FflMixing.Unpad(words, s.Rk);

        Assert.Equal(s.Wk, words);
    }

    private static uint[] Words(byte[] fragments) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(fragments).ToArray();

    private static void AssertTakesFrom(uint[] mixed, uint[] whereZero, uint[] whereOne, uint[] mask)
    {
        var zeros = 0;
        for (var i = 0; i < mixed.Length; i++)
        {
            if (mask[i] == 0)
            {
                zeros++;
                Assert.Equal(whereZero[i], mixed[i]);
            }
            else
            {
                Assert.Equal(whereOne[i], mixed[i]);
            }
        }

        // Both branches were exercised (5000 ± 50 expected).
        Assert.InRange(zeros, 4500, 5500);
    }

    private static int CountEqualToEither(uint[] mixed, uint[] a, uint[] b)
    {
        var count = 0;
        for (var i = 0; i < mixed.Length; i++)
        {
            count += mixed[i] == a[i] || mixed[i] == b[i] ? 1 : 0;
        }

        return count;
    }
}
