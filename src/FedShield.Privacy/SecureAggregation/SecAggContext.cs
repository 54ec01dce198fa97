using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>Sizes, key-derivation labels and associated data shared by both sides of the protocol.</summary>
internal static class SecAggContext
{
    /// <summary>Bytes of each shared secret: the self-mask seed and the P-256 private scalar.</summary>
    public const int SecretBytes = 32;

    /// <summary>Field elements per share of a 32-byte secret.</summary>
    public static readonly int SecretChunks = ShamirSecretSharing.ChunkCount(SecretBytes);

    /// <summary>Encoded bytes of one share.</summary>
    public static readonly int ShareBytes = ShamirShare.EncodedLengthFor(SecretChunks);

    /// <summary>Plaintext of a box: the recipient's share of the seed, then of the mask key.</summary>
    public static readonly int BoxPlaintextBytes = 2 * ShareBytes;

    /// <summary>Bytes of a sealed box.</summary>
    public static readonly int BoxBytes = BoxPlaintextBytes + SealedBox.Overhead;

    /// <summary>HKDF purpose of the key that seals shares between two clients.</summary>
    public static ReadOnlySpan<byte> BoxKeyPurpose => "fedshield/secagg/v1/share-box-key"u8;

    /// <summary>HKDF purpose of a pairwise mask seed s_uv, bound to the protocol and round.</summary>
    public static byte[] MaskPurpose(string protocol, int round) => Label("fedshield/secagg/v1/pairwise-mask", protocol, round, 0, 0);

    /// <summary>Associated data of the box <paramref name="sender"/> seals for <paramref name="recipient"/>.</summary>
    public static byte[] BoxAssociatedData(string protocol, int round, int sender, int recipient) =>
        Label("fedshield/secagg/v1/share-box", protocol, round, sender, recipient);

    /// <summary>Checks a public key received from another party.</summary>
    /// <exception cref="FormatException">It is not a P-256 point.</exception>
    public static void ValidatePublicKey(ReadOnlySpan<byte> key, string what)
    {
        try
        {
            AgreementKey.Validate(key);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"the {what} is not a valid P-256 public key: {ex.Message}", ex);
        }
    }

    /// <summary><paramref name="own"/>.DeriveKey with a peer key that arrived from another party.</summary>
    /// <exception cref="FormatException">The peer key is not a P-256 point.</exception>
    public static byte[] Agree(AgreementKey own, ReadOnlySpan<byte> peer, ReadOnlySpan<byte> purpose, string what)
    {
        try
        {
            return own.DeriveKey(peer, purpose);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"the {what} is not a valid P-256 public key: {ex.Message}", ex);
        }
    }

    /// <summary>The plaintext of a box: two shares.</summary>
    public static byte[] EncodeBoxPlaintext(ShamirShare seedShare, ShamirShare keyShare)
    {
        var bytes = new byte[BoxPlaintextBytes];
        seedShare.WriteTo(bytes);
        keyShare.WriteTo(bytes.AsSpan(ShareBytes));
        return bytes;
    }

    /// <summary>Opens and parses a box; the shares must be at <paramref name="point"/>.</summary>
    /// <exception cref="FormatException">The box fails authentication or holds malformed shares.</exception>
    public static (ShamirShare Seed, ShamirShare Key) OpenBox(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, ReadOnlySpan<byte> associatedData, int point)
    {
        byte[] plaintext;
        try
        {
            plaintext = SealedBox.Open(key, box, associatedData);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        try
        {
            if (plaintext.Length != BoxPlaintextBytes)
            {
                throw new FormatException($"a share box holds {BoxPlaintextBytes} bytes, not {plaintext.Length}");
            }

            var seed = ShamirShare.Read(plaintext.AsSpan(0, ShareBytes), SecretChunks);
            var secret = ShamirShare.Read(plaintext.AsSpan(ShareBytes), SecretChunks);
            if (seed.Point != point || secret.Point != point)
            {
                seed.Clear();
                secret.Clear();
                throw new FormatException($"the box holds shares at points {seed.Point} and {secret.Point}, not at the recipient's point {point}");
            }

            return (seed, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Label(string purpose, string protocol, int round, int sender, int recipient)
    {
        var text = Encoding.ASCII.GetBytes(purpose + "|" + protocol);
        var bytes = new byte[text.Length + 12];
        text.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(text.Length), round);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(text.Length + 4), sender);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(text.Length + 8), recipient);
        return bytes;
    }
}
