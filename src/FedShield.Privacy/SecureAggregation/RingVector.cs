using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// Bulk arithmetic on vectors of Z_{2^k} held in 64-bit words. Sums wrap modulo 2^64, which 2^k
/// divides, so words are reduced to k bits only when packed or decoded. Masks are expanded from a
/// <see cref="Prg"/> chunk by chunk into a caller-owned scratch buffer and added straight into the
/// running sum: no vector-sized temporary per mask.
/// </summary>
internal static class RingVector
{
    /// <summary>A good scratch length in 64-bit words (32 KiB, within the first-level cache).</summary>
    public const int ScratchWords = 4096;

    /// <summary>
    /// acc ± the next acc.Length words of <paramref name="prg"/>: 4-byte words (zero-extended) when
    /// <paramref name="wordBytes"/> is 4, else 8-byte words; both little-endian.
    /// </summary>
    public static void AddMask(Span<ulong> acc, Prg prg, int wordBytes, bool subtract, Span<ulong> scratch)
    {
        if (wordBytes == 8)
        {
            while (!acc.IsEmpty)
            {
                var n = Math.Min(acc.Length, scratch.Length);
                var words = scratch[..n];
                prg.NextUInt64(words);
                if (subtract)
                {
                    Subtract(acc[..n], words);
                }
                else
                {
                    Add(acc[..n], words);
                }

                acc = acc[n..];
            }
        }
        else
        {
            var half = MemoryMarshal.Cast<ulong, uint>(scratch);
            while (!acc.IsEmpty)
            {
                var n = Math.Min(acc.Length, half.Length);
                var words = half[..n];
                prg.NextUInt32(words);
                if (subtract)
                {
                    SubtractWidened(acc[..n], words);
                }
                else
                {
                    AddWidened(acc[..n], words);
                }

                acc = acc[n..];
            }
        }
    }

    /// <summary>acc[i] += x[i] (mod 2^64).</summary>
    public static void Add(Span<ulong> acc, ReadOnlySpan<ulong> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<ulong, Vector<ulong>>(acc);
            var vx = MemoryMarshal.Cast<ulong, Vector<ulong>>(x[..acc.Length]);
            for (var j = 0; j < va.Length; j++)
            {
                va[j] += vx[j];
            }

            i = va.Length * Vector<ulong>.Count;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] += x[i];
        }
    }

    /// <summary>acc[i] −= x[i] (mod 2^64).</summary>
    public static void Subtract(Span<ulong> acc, ReadOnlySpan<ulong> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<ulong, Vector<ulong>>(acc);
            var vx = MemoryMarshal.Cast<ulong, Vector<ulong>>(x[..acc.Length]);
            for (var j = 0; j < va.Length; j++)
            {
                va[j] -= vx[j];
            }

            i = va.Length * Vector<ulong>.Count;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] -= x[i];
        }
    }

    /// <summary>acc[i] += x[i] with x zero-extended to 64 bits.</summary>
    public static void AddWidened(Span<ulong> acc, ReadOnlySpan<uint> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<uint, Vector<uint>>(x[..acc.Length]);
            var va = MemoryMarshal.Cast<ulong, Vector<ulong>>(acc);
            for (var j = 0; j < vx.Length; j++)
            {
                Vector.Widen(vx[j], out var low, out var high);
                va[2 * j] += low;
                va[(2 * j) + 1] += high;
            }

            i = vx.Length * Vector<uint>.Count;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] += x[i];
        }
    }

    /// <summary>acc[i] −= x[i] with x zero-extended to 64 bits.</summary>
    public static void SubtractWidened(Span<ulong> acc, ReadOnlySpan<uint> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vx = MemoryMarshal.Cast<uint, Vector<uint>>(x[..acc.Length]);
            var va = MemoryMarshal.Cast<ulong, Vector<ulong>>(acc);
            for (var j = 0; j < vx.Length; j++)
            {
                Vector.Widen(vx[j], out var low, out var high);
                va[2 * j] -= low;
                va[(2 * j) + 1] -= high;
            }

            i = vx.Length * Vector<uint>.Count;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] -= x[i];
        }
    }

    /// <summary>Writes each value reduced by <paramref name="mask"/> as <paramref name="elementBytes"/> little-endian bytes.</summary>
    public static void Pack(ReadOnlySpan<ulong> values, int elementBytes, ulong mask, Span<byte> destination)
    {
        if (destination.Length != values.Length * elementBytes)
        {
            throw new ArgumentException($"{values.Length} elements of {elementBytes} bytes need {values.Length * elementBytes} bytes, not {destination.Length}", nameof(destination));
        }

        var i = 0;

        // Each 8-byte write puts zeros above the element's bytes; the next element overwrites them.
        for (; i < values.Length && (i * elementBytes) + 8 <= destination.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * elementBytes)..], values[i] & mask);
        }

        for (; i < values.Length; i++)
        {
            var v = values[i] & mask;
            for (var b = 0; b < elementBytes; b++)
            {
                destination[(i * elementBytes) + b] = (byte)(v >> (8 * b));
            }
        }
    }

    /// <summary>
    /// Checks that every packed element of <paramref name="source"/> is below 2^<paramref name="bits"/>
    /// (always true when the width is a whole number of bytes).
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> source, int elementBytes, int bits)
    {
        if (bits == 8 * elementBytes)
        {
            return true;
        }

        var top = (byte)(0xFF << (bits - (8 * (elementBytes - 1))));
        byte any = 0;
        for (var i = elementBytes - 1; i < source.Length; i += elementBytes)
        {
            any |= (byte)(source[i] & top);
        }

        return any == 0;
    }

    /// <summary>acc[i] += the i-th packed element of <paramref name="source"/>.</summary>
    public static void UnpackAdd(ReadOnlySpan<byte> source, int elementBytes, Span<ulong> acc)
    {
        if (source.Length != acc.Length * elementBytes)
        {
            throw new ArgumentException($"{acc.Length} elements of {elementBytes} bytes need {acc.Length * elementBytes} bytes, not {source.Length}", nameof(source));
        }

        var i = 0;
        if (elementBytes == 8)
        {
            for (; i < acc.Length; i++)
            {
                acc[i] += BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]);
            }

            return;
        }

        var keep = (1UL << (8 * elementBytes)) - 1;
        for (; i < acc.Length && (i * elementBytes) + 8 <= source.Length; i++)
        {
            acc[i] += BinaryPrimitives.ReadUInt64LittleEndian(source[(i * elementBytes)..]) & keep;
        }

        for (; i < acc.Length; i++)
        {
            ulong v = 0;
            for (var b = 0; b < elementBytes; b++)
            {
                v |= (ulong)source[(i * elementBytes) + b] << (8 * b);
            }

            acc[i] += v;
        }
    }
}
