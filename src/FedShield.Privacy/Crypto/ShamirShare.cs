using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedShield.Privacy.Crypto;

/// <summary>
/// One share of a secret split by <see cref="ShamirSecretSharing"/>: the evaluation point x and,
/// for each field-sized chunk of the secret, the value of that chunk's polynomial at x. Encoded as
/// x (4 bytes, little-endian) ‖ chunk count (1 byte) ‖ values (8 bytes each, little-endian).
/// </summary>
/// <remarks>A share is secret material: <see cref="Clear"/> zeroes its values after use.</remarks>
public sealed class ShamirShare
{
    private readonly ulong[] _values;

    /// <summary>Creates a share (the values are copied).</summary>
    /// <param name="point">The evaluation point, at least 1.</param>
    /// <param name="values">One field element per chunk, each below <see cref="ShamirSecretSharing.Prime"/>; 1 to 255 of them.</param>
    /// <exception cref="ArgumentException">The point is below 1, there are no values or more than 255, or a value is not a field element.</exception>
    public ShamirShare(int point, ReadOnlySpan<ulong> values)
    {
        if (point < 1)
        {
            throw new ArgumentException($"a share's evaluation point must be at least 1, not {point}", nameof(point));
        }

        if (values.IsEmpty || values.Length > byte.MaxValue)
        {
            throw new ArgumentException($"a share holds 1 to {byte.MaxValue} chunk values, not {values.Length}", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] >= ShamirField.Prime)
            {
                throw new ArgumentException($"chunk value {i} of the share at point {point} is not below the field prime 2^61 - 1", nameof(values));
            }
        }

        Point = point;
        _values = values.ToArray();
    }

    /// <summary>The evaluation point x (the holder's index plus one).</summary>
    public int Point { get; }

    /// <summary>The polynomial values at <see cref="Point"/>, one per chunk of the secret.</summary>
    public ReadOnlySpan<ulong> Values => _values;

    /// <summary>The number of bytes <see cref="WriteTo"/> writes.</summary>
    public int EncodedLength => EncodedLengthFor(_values.Length);

    /// <summary>The encoded length of a share of <paramref name="chunks"/> chunks.</summary>
    public static int EncodedLengthFor(int chunks) => 5 + (8 * chunks);

    /// <summary>Writes the encoding into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="EncodedLength"/>.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException($"a share needs {EncodedLength} bytes; the destination has {destination.Length}", nameof(destination));
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination, Point);
        destination[4] = (byte)_values.Length;
        for (var i = 0; i < _values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(5 + (8 * i))..], _values[i]);
        }
    }

    /// <summary>Decodes a share, requiring exactly <paramref name="expectedChunks"/> chunks and nothing after them.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed share of that size.</exception>
    public static ShamirShare Read(ReadOnlySpan<byte> encoded, int expectedChunks)
    {
        if (encoded.Length != EncodedLengthFor(expectedChunks))
        {
            throw new FormatException($"a share of {expectedChunks} chunks has {EncodedLengthFor(expectedChunks)} bytes, not {encoded.Length}");
        }

        var point = BinaryPrimitives.ReadInt32LittleEndian(encoded);
        if (point < 1)
        {
            throw new FormatException($"a share's evaluation point must be at least 1, not {point}");
        }

        if (encoded[4] != expectedChunks)
        {
            throw new FormatException($"the share declares {encoded[4]} chunks; expected {expectedChunks}");
        }

        var values = expectedChunks <= 32 ? stackalloc ulong[expectedChunks] : new ulong[expectedChunks];
        try
        {
            for (var i = 0; i < expectedChunks; i++)
            {
                values[i] = BinaryPrimitives.ReadUInt64LittleEndian(encoded[(5 + (8 * i))..]);
                if (values[i] >= ShamirField.Prime)
                {
                    throw new FormatException($"chunk value {i} of the share at point {point} is not below the field prime 2^61 - 1");
                }
            }

            return new ShamirShare(point, values);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(values));
        }
    }

    /// <summary>Zeroes the values (the share is unusable afterwards).</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_values.AsSpan()));

    internal ulong[] RawValues => _values;
}
