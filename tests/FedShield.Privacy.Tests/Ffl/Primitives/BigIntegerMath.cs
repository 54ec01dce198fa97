using System.Numerics;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

// Independent number theory for checking MODP group 14: π in fixed point and a Miller–Rabin test.
internal static class BigIntegerMath
{
    // ⌊2^bits · π⌋ from Machin's formula π = 16·arctan(1/5) − 4·arctan(1/239), computed with
    // guardBits extra bits so that the truncation errors of the series (one unit per
    // term, a few hundred terms) stay far below the last bit kept.
    public static BigInteger FloorPiTimesPowerOfTwo(int bits, int guardBits = 64)
    {
        var one = BigInteger.One << (bits + guardBits);
        var pi = (16 * ArctanOfReciprocal(5, one)) - (4 * ArctanOfReciprocal(239, one));
        return pi >> guardBits;
    }

    // Miller–Rabin with the given bases: false means certainly composite; true means prime to every base.
    public static bool IsStrongProbablePrime(BigInteger n, IEnumerable<int> bases)
    {
        if (n < 2)
        {
            return false;
        }

        if (n < 4)
        {
            return true;
        }

        if (n.IsEven)
        {
            return false;
        }

        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        foreach (var a in bases)
        {
            if (a % n == 0)
            {
                continue;
            }

            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }

            var witness = true;
            for (var r = 1; r < s; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1)
                {
                    witness = false;
                    break;
                }
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }

    // arctan(1/x) · one = Σ_k (−1)^k · one / ((2k + 1) · x^(2k+1)), each term truncated.
    private static BigInteger ArctanOfReciprocal(int x, BigInteger one)
    {
        var xSquared = (BigInteger)x * x;
        var power = one / x;
        var sum = power;
        var sign = -1;
        for (var k = 3; !power.IsZero; k += 2)
        {
            power /= xSquared;
            sum += sign * (power / k);
            sign = -sign;
        }

        return sum;
    }
}
