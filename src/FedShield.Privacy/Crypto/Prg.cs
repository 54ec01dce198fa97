using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedShield.Privacy.Crypto;

/// <summary>
/// A pseudorandom generator: AES-256 in counter mode keyed by a 32-byte seed, so that two parties
/// holding the same seed expand it into the same stream (secure-aggregation masks, NISS noise
/// shares, FFL pads). The stream is the AES encryption of the 128-bit big-endian counters
/// 0, 1, 2, … under the seed; a fresh generator starts at counter 0.
/// </summary>
/// <remarks>
/// Not thread-safe; one generator per stream. <see cref="Dispose"/> zeroes the key and the buffered
/// keystream.
/// </remarks>
public sealed class Prg : IDisposable
{
    /// <summary>The seed length in bytes.</summary>
    public const int SeedBytes = 32;

    private const int BlockBytes = 16;
    private const int BufferBlocks = 1024;

    private readonly Aes _aes;
    private readonly byte[] _counters = new byte[BufferBlocks * BlockBytes];
    private readonly byte[] _stream = new byte[BufferBlocks * BlockBytes];
    private readonly byte[] _key;
    private ulong _nextBlock;
    private int _position = BufferBlocks * BlockBytes;
    private bool _disposed;

    /// <summary>Creates the generator for <paramref name="seed"/> (copied).</summary>
    /// <exception cref="ArgumentException">The seed is not <see cref="SeedBytes"/> bytes long.</exception>
    public Prg(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
        {
            throw new ArgumentException($"a PRG seed has {SeedBytes} bytes, not {seed.Length}", nameof(seed));
        }

        _key = seed.ToArray();
        _aes = Aes.Create();
        _aes.Key = _key;
    }

    /// <summary>A fresh 32-byte seed from the operating system's random generator.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    /// <summary>A generator keyed by a fresh seed from the operating system's random generator.</summary>
    public static Prg FromOsRandom()
    {
        Span<byte> seed = stackalloc byte[SeedBytes];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return new Prg(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next bytes of the stream.</summary>
    public void NextBytes(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!destination.IsEmpty)
        {
            if (_position == _stream.Length)
            {
                Refill();
            }

            var n = Math.Min(destination.Length, _stream.Length - _position);
            _stream.AsSpan(_position, n).CopyTo(destination);
            _position += n;
            destination = destination[n..];
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform 64-bit words (little-endian bytes of the stream).</summary>
    public void NextUInt64(Span<ulong> destination)
    {
        NextBytes(MemoryMarshal.AsBytes(destination));
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReverseEndianness(destination[i]);
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform 32-bit words (little-endian bytes of the stream).</summary>
    public void NextUInt32(Span<uint> destination)
    {
        NextBytes(MemoryMarshal.AsBytes(destination));
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReverseEndianness(destination[i]);
            }
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        Span<ulong> word = stackalloc ulong[1];
        NextUInt64(word);
        return (word[0] >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Zeroes the key and the buffered keystream.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_key);
        CryptographicOperations.ZeroMemory(_stream);
        _aes.Dispose();
    }

    private void Refill()
    {
        for (var b = 0; b < BufferBlocks; b++)
        {
            // 128-bit big-endian counter; the high 64 bits stay zero (2^64 blocks is beyond any use here).
            var block = _counters.AsSpan(b * BlockBytes, BlockBytes);
            block[..8].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(block[8..], _nextBlock++);
        }

        _aes.EncryptEcb(_counters, _stream, PaddingMode.None);
        _position = 0;
    }
}
