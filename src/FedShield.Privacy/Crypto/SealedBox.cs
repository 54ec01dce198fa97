using System.Security.Cryptography;

namespace FedShield.Privacy.Crypto;

/// <summary>
/// Authenticated encryption with AES-256-GCM for messages one client sends another through the
/// server: the server relays the box but can neither read nor alter it. A box is
/// nonce (12 bytes, from the OS generator) ‖ ciphertext ‖ tag (16 bytes). The associated data binds
/// a box to its context (protocol, round, sender, recipient), so a box replayed into another round or
/// to another recipient fails to open.
/// </summary>
public static class SealedBox
{
    /// <summary>Bytes a box adds to its plaintext.</summary>
    public const int Overhead = NonceBytes + TagBytes;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Encrypts <paramref name="plaintext"/> under a 32-byte <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        CheckKey(key);
        var box = new byte[Overhead + plaintext.Length];
        var nonce = box.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, TagBytes);
        gcm.Encrypt(nonce, plaintext, box.AsSpan(NonceBytes, plaintext.Length), box.AsSpan(NonceBytes + plaintext.Length), associatedData);
        return box;
    }

    /// <summary>Decrypts and authenticates a box made by <see cref="Seal"/>.</summary>
    /// <returns>The plaintext; the caller zeroes it when it is secret.</returns>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    /// <exception cref="CryptographicException">The box is too short, was altered, or was sealed under another key or associated data.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, ReadOnlySpan<byte> associatedData)
    {
        CheckKey(key);
        if (box.Length < Overhead)
        {
            throw new CryptographicException($"a sealed box has at least {Overhead} bytes; this one has {box.Length}");
        }

        var plaintext = new byte[box.Length - Overhead];
        using var gcm = new AesGcm(key, TagBytes);
        try
        {
            gcm.Decrypt(box[..NonceBytes], box.Slice(NonceBytes, plaintext.Length), box[(NonceBytes + plaintext.Length)..], plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException("the sealed box failed authentication: it was altered, replayed into another context, or sealed under another key", ex);
        }

        return plaintext;
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException($"a sealed-box key has 32 bytes, not {key.Length}", nameof(key));
        }
    }
}
