using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// Finite-field Diffie-Hellman over the 2048-bit MODP group of RFC 3526 (group 14, generator 2), the
/// group FFL's EXCHANGE_FRAGMENTS names. The platform offers only elliptic-curve Diffie-Hellman, so the
/// exponentiation is <see cref="BigInteger.ModPow"/>; private exponents come from the OS generator.
/// </summary>
/// <remarks>
/// p = 2^2048 − 2^1984 − 1 + 2^64·(⌊2^1918·π⌋ + 124476) is a safe prime (p = 2q + 1) and 2 generates the
/// subgroup of order q, so a peer's value y is accepted only if 1 &lt; y &lt; p − 1 and y^q = 1 (mod p).
/// <see cref="BigInteger.ModPow"/> is not constant-time; the exponents are single-use, one per exchange.
/// </remarks>
internal static class ModpGroup14
{
    /// <summary>Bytes of a group element (big-endian, left-padded).</summary>
    public const int ElementBytes = 256;

    /// <summary>Bits of a private exponent: twice the group's ~112-bit strength, with a margin.</summary>
    public const int ExponentBits = 320;

    private const string PrimeHex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF";

    /// <summary>The prime p.</summary>
    public static BigInteger Prime { get; } = BigInteger.Parse("0" + PrimeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The subgroup order q = (p − 1) / 2.</summary>
    public static BigInteger SubgroupOrder { get; } = (Prime - 1) / 2;

    /// <summary>The generator g = 2.</summary>
    public static BigInteger Generator { get; } = 2;

    /// <summary>A fresh private exponent from the OS generator, 1 &lt; x &lt; 2^ExponentBits.</summary>
    public static BigInteger NewExponent()
    {
        var bytes = RandomNumberGenerator.GetBytes(ExponentBits / 8);
        try
        {
            var x = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            return x > 1 ? x : NewExponent();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>g^x mod p as <see cref="ElementBytes"/> big-endian bytes.</summary>
    public static byte[] PublicValue(BigInteger exponent) => Encode(BigInteger.ModPow(Generator, exponent, Prime));

    /// <summary>peer^x mod p after checking the peer's value is in the prime-order subgroup.</summary>
    /// <exception cref="InvalidDataException">The peer's value is not a valid group element.</exception>
    public static byte[] SharedSecret(BigInteger exponent, ReadOnlySpan<byte> peerPublic)
    {
        var y = Decode(peerPublic);
        return Encode(BigInteger.ModPow(y, exponent, Prime));
    }

    /// <summary>Parses and validates a peer's public value.</summary>
    /// <exception cref="InvalidDataException">Wrong length, out of range or outside the subgroup.</exception>
    public static BigInteger Decode(ReadOnlySpan<byte> element)
    {
        if (element.Length != ElementBytes)
        {
            throw new InvalidDataException($"a Diffie-Hellman value has {element.Length} bytes; expected {ElementBytes}");
        }

        var y = new BigInteger(element, isUnsigned: true, isBigEndian: true);
        if (y <= 1 || y >= Prime - 1)
        {
            throw new InvalidDataException("the Diffie-Hellman value is outside 2..p-2");
        }

        if (!BigInteger.ModPow(y, SubgroupOrder, Prime).IsOne)
        {
            throw new InvalidDataException("the Diffie-Hellman value is not in the prime-order subgroup of MODP group 14");
        }

        return y;
    }

    private static byte[] Encode(BigInteger value)
    {
        var bytes = new byte[ElementBytes];
        if (!value.TryWriteBytes(bytes.AsSpan(ElementBytes - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true))
        {
            throw new InvalidOperationException("a group element did not fit in 256 bytes");
        }

        return bytes;
    }
}
