using System.Security.Cryptography;

namespace FedShield.Privacy.Crypto;

/// <summary>
/// An elliptic-curve Diffie–Hellman key pair on NIST P-256, generated from the operating system's
/// random generator. Two parties exchange <see cref="PublicKey"/>s and each derives the same
/// 32-byte shared secret with <see cref="Agree"/>; <see cref="DeriveKey"/> turns it into a key for
/// a named purpose through HKDF-SHA256.
/// </summary>
public sealed class AgreementKey : IDisposable
{
    /// <summary>The length of an encoded public key: an uncompressed point, 0x04 ‖ X ‖ Y.</summary>
    public const int PublicKeyBytes = 65;

    /// <summary>The length of a private scalar.</summary>
    public const int PrivateKeyBytes = 32;

    private readonly ECDiffieHellman _key;

    private AgreementKey(ECDiffieHellman key, byte[] publicKey)
    {
        _key = key;
        PublicKey = publicKey;
    }

    /// <summary>The public point, 0x04 ‖ X ‖ Y (65 bytes).</summary>
    public byte[] PublicKey { get; }

    /// <summary>A fresh key pair.</summary>
    public static AgreementKey Create()
    {
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return new AgreementKey(key, Encode(key.ExportParameters(false).Q));
    }

    /// <summary>
    /// Rebuilds a key pair from its private scalar and public point (as a server does after
    /// reconstructing a dropped client's secret key from its shares).
    /// </summary>
    /// <exception cref="ArgumentException">The scalar or point has the wrong length or they do not belong together.</exception>
    public static AgreementKey FromPrivateKey(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        if (privateKey.Length != PrivateKeyBytes)
        {
            throw new ArgumentException($"a P-256 private key has {PrivateKeyBytes} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        var q = Decode(publicKey, nameof(publicKey));
        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q, D = privateKey.ToArray() };
        try
        {
            var key = ECDiffieHellman.Create(parameters);
            return new AgreementKey(key, publicKey.ToArray());
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("the private key does not match the public key, or is not a valid P-256 scalar", nameof(privateKey), ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>Checks that <paramref name="publicKey"/> is a well-formed P-256 point.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void Validate(ReadOnlySpan<byte> publicKey)
    {
        using var _ = ImportPublic(publicKey, nameof(publicKey));
    }

    /// <summary>The private scalar (32 bytes). The caller owns the copy and must zero it after use.</summary>
    public byte[] ExportPrivateKey()
    {
        var parameters = _key.ExportParameters(true);
        return parameters.D!;
    }

    /// <summary>The raw ECDH shared secret with the owner of <paramref name="peerPublicKey"/> (32 bytes; zero it after use).</summary>
    /// <exception cref="ArgumentException">The peer key is not a valid P-256 point.</exception>
    public byte[] Agree(ReadOnlySpan<byte> peerPublicKey)
    {
        using var peer = ImportPublic(peerPublicKey, nameof(peerPublicKey));
        return _key.DeriveRawSecretAgreement(peer.PublicKey);
    }

    /// <summary>
    /// A key of <paramref name="length"/> bytes for <paramref name="purpose"/> shared with the owner
    /// of <paramref name="peerPublicKey"/>: HKDF-SHA256 of the ECDH secret with the purpose as
    /// context, so keys for different purposes (encryption, mask seeds) are independent.
    /// </summary>
    /// <exception cref="ArgumentException">The peer key is not a valid P-256 point.</exception>
    public byte[] DeriveKey(ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> purpose, int length = 32)
    {
        var secret = Agree(peerPublicKey);
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, length, salt: [], info: purpose.ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Releases (and lets the platform clear) the private key.</summary>
    public void Dispose() => _key.Dispose();

    private static ECDiffieHellman ImportPublic(ReadOnlySpan<byte> publicKey, string name)
    {
        var q = Decode(publicKey, name);
        try
        {
            return ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q });
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("the public key is not a point on P-256", name, ex);
        }
    }

    private static ECPoint Decode(ReadOnlySpan<byte> publicKey, string name)
    {
        if (publicKey.Length != PublicKeyBytes || publicKey[0] != 0x04)
        {
            throw new ArgumentException($"a P-256 public key is {PublicKeyBytes} bytes beginning 0x04 (uncompressed), not {publicKey.Length} bytes", name);
        }

        return new ECPoint { X = publicKey[1..33].ToArray(), Y = publicKey[33..].ToArray() };
    }

    private static byte[] Encode(ECPoint q)
    {
        var bytes = new byte[PublicKeyBytes];
        bytes[0] = 0x04;
        q.X.AsSpan().CopyTo(bytes.AsSpan(1 + 32 - q.X!.Length));
        q.Y.AsSpan().CopyTo(bytes.AsSpan(33 + 32 - q.Y!.Length));
        return bytes;
    }
}
