using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// The XOR algebra of EXCHANGE_FRAGMENTS on the IEEE-754 bit patterns of an update (one 32-bit word per
/// parameter). A mask word is all ones where the mask bit m_i is 1 and zero where it is 0, so
/// W ⊙ m is W AND M and W ⊙ ¬m is W AND NOT M.
/// </summary>
internal static class FflMixing
{
    private static readonly byte[] MaskLabel = Encoding.ASCII.GetBytes("fedshield ffl mask");
    private static readonly byte[] ChannelLabel = Encoding.ASCII.GetBytes("fedshield ffl channel");

    /// <summary>A one-time pad of <paramref name="length"/> words from a <see cref="Prg"/> seed.</summary>
    public static uint[] Pad(ReadOnlySpan<byte> seed, int length)
    {
        var pad = new uint[length];
        using var prg = new Prg(seed);
        prg.NextUInt32(pad);
        return pad;
    }

    /// <summary>
    /// The mask m = PRNG(g^ab) as words: one mask per layer, each from its own key derived from the shared
    /// secret (HKDF-SHA256, the round as salt, the layer index in the info), concatenated.
    /// </summary>
    public static uint[] Mask(ReadOnlySpan<byte> secret, int round, IReadOnlyList<int> layers)
    {
        var total = 0;
        foreach (var n in layers)
        {
            total = checked(total + n);
        }

        var mask = new uint[total];
        Span<byte> salt = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(salt, round);
        var info = new byte[MaskLabel.Length + 4];
        MaskLabel.CopyTo(info, 0);
        var seed = new byte[Prg.SeedBytes];
        var offset = 0;
        for (var layer = 0; layer < layers.Count; layer++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(MaskLabel.Length), layer);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, seed, salt, info);
            var n = layers[layer];
            var bits = new byte[(n + 7) / 8];
            using (var prg = new Prg(seed))
            {
                prg.NextBytes(bits);
            }

            for (var i = 0; i < n; i++)
            {
                mask[offset + i] = ((bits[i >> 3] >> (i & 7)) & 1) == 0 ? 0u : uint.MaxValue;
            }

            offset += n;
        }

        CryptographicOperations.ZeroMemory(seed);
        return mask;
    }

    /// <summary>The AES-GCM key of the pair's channel for relayed fragments.</summary>
    public static byte[] ChannelKey(ReadOnlySpan<byte> secret, int round)
    {
        Span<byte> salt = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(salt, round);
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt, ChannelLabel);
        return key;
    }

    /// <summary>What a participant sends its partner: A = W ⊕ r ⊕ ρ and B = (W ⊙ ¬m) ⊕ ρ, as A ‖ B.</summary>
    public static byte[] Fragments(ReadOnlySpan<uint> w, ReadOnlySpan<uint> r, ReadOnlySpan<uint> rho, ReadOnlySpan<uint> mask)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("FFL's wire layout assumes a little-endian machine");
        }

        var n = w.Length;
        if (r.Length != n || rho.Length != n || mask.Length != n)
        {
            throw new ArgumentException($"pads and mask must have {n} words like the update");
        }

        var words = new uint[2 * n];
        for (var i = 0; i < n; i++)
        {
            words[i] = w[i] ^ r[i] ^ rho[i];
            words[n + i] = (w[i] & ~mask[i]) ^ rho[i];
        }

        var bytes = MemoryMarshal.AsBytes(words.AsSpan()).ToArray();

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(words.AsSpan()));
        return bytes;
    }

    /// <summary>
    /// A participant's encrypted mixed update from its own W and the partner's A ‖ B:
    /// W ⊕ (W ⊙ m) ⊕ A ⊕ B, which is W where m = 0 and the partner's W where m = 1, under the partner's pad r.
    /// </summary>
    public static uint[] Mix(ReadOnlySpan<uint> w, ReadOnlySpan<uint> mask, ReadOnlySpan<byte> fragments)
    {
        var n = w.Length;
        if (mask.Length != n || fragments.Length != 8 * n)
        {
            throw new InvalidDataException($"mixing {n} parameters needs a mask of {n} words and {8 * n} bytes of fragments, not {mask.Length} and {fragments.Length}");
        }

        var ab = MemoryMarshal.Cast<byte, uint>(fragments);
        var mixed = new uint[n];
        for (var i = 0; i < n; i++)
        {
            mixed[i] = w[i] ^ (w[i] & mask[i]) ^ ab[i] ^ ab[n + i];
        }

        return mixed;
    }

    /// <summary>Removes a pad in place: mix = mix′ ⊕ r.</summary>
    public static void Unpad(Span<uint> words, ReadOnlySpan<uint> pad)
    {
        for (var i = 0; i < words.Length; i++)
        {
            words[i] ^= pad[i];
        }
    }

    /// <summary>The bit patterns of floats.</summary>
    public static uint[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, uint>(values).ToArray();

    /// <summary>Floats from bit patterns.</summary>
    public static float[] Floats(ReadOnlySpan<uint> words) => MemoryMarshal.Cast<uint, float>(words).ToArray();
}
