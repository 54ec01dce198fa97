using System.Buffers.Binary;
using System.Security.Cryptography;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// The FFL server's RSA-3072 key pair (pk_A, sk_A). Participants encrypt one-time-pad seeds to it with
/// OAEP (SHA-256); only the server can open them, and only to remove the pad of a mixed update.
/// </summary>
/// <remarks>
/// An encrypted seed names the round and the pseudonym of the participant whose upload it unlocks, so
/// the server refuses a seed replayed from another round or attached to another participant's upload.
/// </remarks>
public sealed class FflServerKey : IDisposable
{
    /// <summary>The modulus size FFL uses.</summary>
    public const int KeyBits = 3072;

    /// <summary>Bytes of an encrypted seed: one RSA-3072 block.</summary>
    public const int EncryptedSeedBytes = KeyBits / 8;

    private static readonly RSAEncryptionPadding Padding = RSAEncryptionPadding.OaepSHA256;
    private readonly RSA _rsa;

    private FflServerKey(RSA rsa)
    {
        _rsa = rsa;
        PublicKey = rsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The public key, as a DER SubjectPublicKeyInfo, published to every participant.</summary>
    public byte[] PublicKey { get; }

    /// <summary>A fresh key pair from the platform.</summary>
    public static FflServerKey Create() => new(RSA.Create(KeyBits));

    /// <summary>Encrypts a pad seed to the server's public key.</summary>
    /// <param name="publicKey">The server's SubjectPublicKeyInfo.</param>
    /// <param name="round">The round the seed belongs to.</param>
    /// <param name="uploader">Pseudonym of the participant whose mixed update the pad encrypts.</param>
    /// <param name="seed">The <see cref="Prg.SeedBytes"/>-byte seed.</param>
    /// <exception cref="InvalidDataException">The public key is not an RSA-3072 key.</exception>
    internal static byte[] EncryptSeed(ReadOnlySpan<byte> publicKey, int round, ReadOnlySpan<byte> uploader, ReadOnlySpan<byte> seed)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(publicKey, out var read);
            if (read != publicKey.Length)
            {
                throw new InvalidDataException($"the server key has {publicKey.Length - read} bytes after its SubjectPublicKeyInfo");
            }

            if (rsa.KeySize != KeyBits)
            {
                throw new InvalidDataException($"the server key is a {rsa.KeySize}-bit RSA key; FFL expects {KeyBits} bits");
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException("the server key is not an RSA SubjectPublicKeyInfo", ex);
        }

        var plain = Envelope(round, uploader, seed);
        try
        {
            return rsa.Encrypt(plain, Padding);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Opens an encrypted seed and checks it was made for this round and this uploader.</summary>
    /// <exception cref="InvalidDataException">Not decryptable, or made for another round or participant.</exception>
    internal byte[] DecryptSeed(ReadOnlySpan<byte> encrypted, int round, ReadOnlySpan<byte> uploader)
    {
        if (encrypted.Length != EncryptedSeedBytes)
        {
            throw new InvalidDataException($"an encrypted seed has {encrypted.Length} bytes; expected {EncryptedSeedBytes}");
        }

        byte[] plain;
        try
        {
            plain = _rsa.Decrypt(encrypted.ToArray(), Padding);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException("the encrypted seed does not decrypt under the server key (tampered, or for another key)", ex);
        }

        try
        {
            if (plain.Length != 4 + FflWire.PseudonymBytes + Prg.SeedBytes)
            {
                throw new InvalidDataException($"the encrypted seed holds {plain.Length} bytes; expected {4 + FflWire.PseudonymBytes + Prg.SeedBytes}");
            }

            var sealedRound = BinaryPrimitives.ReadInt32LittleEndian(plain);
            if (sealedRound != round)
            {
                throw new InvalidDataException($"the encrypted seed was made for round {sealedRound}, not {round} (a replayed seed)");
            }

            if (!plain.AsSpan(4, FflWire.PseudonymBytes).SequenceEqual(uploader))
            {
                throw new InvalidDataException("the encrypted seed was made for another participant's upload");
            }

            return plain.AsSpan(4 + FflWire.PseudonymBytes).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();

    private static byte[] Envelope(int round, ReadOnlySpan<byte> uploader, ReadOnlySpan<byte> seed)
    {
        if (uploader.Length != FflWire.PseudonymBytes || seed.Length != Prg.SeedBytes)
        {
            throw new ArgumentException($"an envelope holds a {FflWire.PseudonymBytes}-byte pseudonym and a {Prg.SeedBytes}-byte seed");
        }

        var plain = new byte[4 + FflWire.PseudonymBytes + Prg.SeedBytes];
        BinaryPrimitives.WriteInt32LittleEndian(plain, round);
        uploader.CopyTo(plain.AsSpan(4));
        seed.CopyTo(plain.AsSpan(4 + FflWire.PseudonymBytes));
        return plain;
    }
}
