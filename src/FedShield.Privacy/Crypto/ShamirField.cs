namespace FedShield.Privacy.Crypto;

/// <summary>
/// Arithmetic in the prime field of the Mersenne prime p = 2^61 − 1, on 64-bit words. Reduction
/// uses 2^61 ≡ 1 (mod p): the high bits of a product fold back onto the low bits, so a
/// multiplication is one <see cref="Math.BigMul(ulong, ulong, out ulong)"/>, a few shifts and one
/// conditional subtraction. Every operand and result is in [0, p).
/// </summary>
internal static class ShamirField
{
    /// <summary>The modulus, 2^61 − 1.</summary>
    public const ulong Prime = (1UL << 61) - 1;

    public static ulong Add(ulong a, ulong b)
    {
        var s = a + b; // < 2^62, no overflow
        return s >= Prime ? s - Prime : s;
    }

    public static ulong Subtract(ulong a, ulong b) => a >= b ? a - b : a + Prime - b;

    public static ulong Multiply(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low); // a·b < 2^122, so high < 2^58
        var folded = (low & Prime) + ((high << 3) | (low >> 61)); // ≤ 2p
        return Fold(folded);
    }

    /// <summary>a^(p−2) = a^−1 by Fermat's little theorem.</summary>
    /// <exception cref="ArgumentException">a is zero.</exception>
    public static ulong Inverse(ulong a)
    {
        if (a == 0)
        {
            throw new ArgumentException("zero has no inverse in the field", nameof(a));
        }

        var result = 1UL;
        var power = a;
        for (var e = Prime - 2; e != 0; e >>= 1)
        {
            if ((e & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
        }

        return result;
    }

    /// <summary>
    /// The Lagrange coefficients λ_i with f(0) = Σ λ_i·f(x_i) for every polynomial f of degree below
    /// the number of points: λ_i = Π_{j≠i} x_j / (x_j − x_i).
    /// </summary>
    /// <exception cref="ArgumentException">A point is zero, not below p, or repeated.</exception>
    public static ulong[] LagrangeAtZero(ReadOnlySpan<ulong> points)
    {
        var coefficients = new ulong[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] == 0 || points[i] >= Prime)
            {
                throw new ArgumentException($"evaluation point {points[i]} is outside [1, p)", nameof(points));
            }

            ulong numerator = 1, denominator = 1;
            for (var j = 0; j < points.Length; j++)
            {
                if (j == i)
                {
                    continue;
                }

                if (points[j] == points[i])
                {
                    throw new ArgumentException($"evaluation point {points[i]} appears twice", nameof(points));
                }

                numerator = Multiply(numerator, points[j]);
                denominator = Multiply(denominator, Subtract(points[j], points[i]));
            }

            coefficients[i] = Multiply(numerator, Inverse(denominator));
        }

        return coefficients;
    }

    private static ulong Fold(ulong x)
    {
        var r = (x & Prime) + (x >> 61);
        return r >= Prime ? r - Prime : r;
    }
}
