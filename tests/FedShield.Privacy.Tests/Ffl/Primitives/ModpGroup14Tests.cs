using System.Globalization;
using System.Numerics;
using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

public class ModpGroup14Tests
{
    private static readonly int[] MillerRabinBases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    [Fact]
    public void FloorPiTimesPowerOfTwo_SmallScales_MatchKnownValues()
    {
        // 8π = 25.13…, 1024π = 3216.99…, 2^20·π = 3294198.98…
        Assert.Equal(new BigInteger(25), BigIntegerMath.FloorPiTimesPowerOfTwo(3));
        Assert.Equal(new BigInteger(3216), BigIntegerMath.FloorPiTimesPowerOfTwo(10));
        Assert.Equal(new BigInteger(3294198), BigIntegerMath.FloorPiTimesPowerOfTwo(20));
    }

    [Fact]
    public void Prime_ComparedWithRfc3526Formula_IsExactlyEqual()
    {
        var floorPi = BigIntegerMath.FloorPiTimesPowerOfTwo(1918);
        var expected = (BigInteger.One << 2048) - (BigInteger.One << 1984) - 1
            + ((floorPi + 124476) << 64);

        Assert.Equal(expected, ModpGroup14.Prime);
        Assert.Equal(2048, (int)ModpGroup14.Prime.GetBitLength());
    }

    [Fact]
    public void IsStrongProbablePrime_KnownNumbers_ClassifiesThem()
    {
        Assert.True(BigIntegerMath.IsStrongProbablePrime((BigInteger.One << 127) - 1, MillerRabinBases));
        Assert.False(BigIntegerMath.IsStrongProbablePrime(561, MillerRabinBases)); // Carmichael number
        // 3215031751 = 151·751·28351 is the smallest strong pseudoprime to bases 2, 3, 5 and 7; base 11 exposes it.
        Assert.True(BigIntegerMath.IsStrongProbablePrime(3215031751, MillerRabinBases[..4]));
        Assert.False(BigIntegerMath.IsStrongProbablePrime(3215031751, MillerRabinBases[..5]));
        Assert.False(BigIntegerMath.IsStrongProbablePrime(ModpGroup14.Prime * ModpGroup14.SubgroupOrder, MillerRabinBases[..2]));
    }

    [Fact]
    public void Prime_AndSubgroupOrder_PassMillerRabinAndTwoHasOrderQ()
    {
        var p = ModpGroup14.Prime;
        var q = ModpGroup14.SubgroupOrder;

        Assert.Equal(p, (2 * q) + 1);
        Assert.True(BigIntegerMath.IsStrongProbablePrime(p, MillerRabinBases));
        Assert.True(BigIntegerMath.IsStrongProbablePrime(q, MillerRabinBases));
        Assert.Equal(new BigInteger(2), ModpGroup14.Generator);
        Assert.True(BigInteger.ModPow(2, q, p).IsOne);
        // q is prime, so the order of 2 is q (not 1, since 2 ≠ 1).
        Assert.False(BigInteger.ModPow(2, 2, p).IsOne);
    }

    [Fact]
    public void SharedSecret_TwoParties_AgreeOnGToTheAb()
    {
        var rng = new Random(42);
        var a = Exponent(rng);
        var b = Exponent(rng);

        var aPublic = ModpGroup14.PublicValue(a);
        var bPublic = ModpGroup14.PublicValue(b);
        var atA = ModpGroup14.SharedSecret(a, bPublic);
        var atB = ModpGroup14.SharedSecret(b, aPublic);

        Assert.Equal(ModpGroup14.ElementBytes, aPublic.Length);
        Assert.Equal(256, atA.Length);
        Assert.Equal(atA, atB);
        var gab = BigInteger.ModPow(2, a * b, ModpGroup14.Prime);
        Assert.Equal(gab, new BigInteger(atA, isUnsigned: true, isBigEndian: true));
    }

    [Fact]
    public void SharedSecret_DifferentExponents_GiveDifferentSecrets()
    {
        var rng = new Random(42);
        var a = Exponent(rng);
        var b = Exponent(rng);
        var c = Exponent(rng);
        var bPublic = ModpGroup14.PublicValue(b);

        var ab = ModpGroup14.SharedSecret(a, bPublic);
        var cb = ModpGroup14.SharedSecret(c, bPublic);
        var ac = ModpGroup14.SharedSecret(a, ModpGroup14.PublicValue(c));

        Assert.NotEqual(ab, cb);
        Assert.NotEqual(ab, ac);
        Assert.NotEqual(cb, ac);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(257)]
    [InlineData(512)]
    public void Decode_WrongLength_ThrowsInvalidData(int length)
    {
        var element = new byte[length];
        if (length > 0)
        {
            element[^1] = 4; // a valid subgroup element (2^2) in the last byte, so only the length is wrong
        }

        var ex = Assert.Throws<InvalidDataException>(() => ModpGroup14.Decode(element));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"has {length} bytes"), ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ModpGroup14.SharedSecret(5, element));
    }

    public static TheoryData<string> OutOfRangeValues => ["0", "1", "p-1", "p", "2^2048-1"];

    [Theory]
    [MemberData(nameof(OutOfRangeValues))]
    public void Decode_ValueOutsideTwoToPMinusTwo_ThrowsInvalidData(string which)
    {
        var p = ModpGroup14.Prime;
        var value = which switch
        {
            "0" => BigInteger.Zero,
            "1" => BigInteger.One,
            "p-1" => p - 1,
            "p" => p,
            _ => (BigInteger.One << 2048) - 1,
        };
        var element = Element(value);

        Assert.Throws<InvalidDataException>(() => ModpGroup14.Decode(element));
        Assert.Throws<InvalidDataException>(() => ModpGroup14.SharedSecret(5, element));
    }

    [Fact]
    public void Decode_SmallestNonResidue_IsFoundAndRejected()
    {
        var p = ModpGroup14.Prime;
        var q = ModpGroup14.SubgroupOrder;
        var y = new BigInteger(2);
        while (BigInteger.ModPow(y, q, p).IsOne && y < 1000)
        {
            y++;
        }

        // Euler's criterion: outside the order-q subgroup, y^q is −1, so y generates the whole group.
        Assert.True(y < 1000, "no element outside the subgroup below 1000");
        Assert.Equal(p - 1, BigInteger.ModPow(y, q, p));
        var ex = Assert.Throws<InvalidDataException>(() => ModpGroup14.Decode(Element(y)));
        Assert.Contains("subgroup", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ModpGroup14.SharedSecret(5, Element(y)));

        // Its square is a quadratic residue, inside the subgroup, and accepted.
        Assert.Equal(y * y, ModpGroup14.Decode(Element(y * y)));
        Assert.Equal(2, (int)ModpGroup14.Decode(Element(2)));
    }

    private static BigInteger Exponent(Random rng)
    {
        var bytes = new byte[ModpGroup14.ExponentBits / 8];
        rng.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private static byte[] Element(BigInteger value)
    {
        var bytes = new byte[ModpGroup14.ElementBytes];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, bytes.Length - raw.Length);
        return bytes;
    }
}
