using System.Buffers.Binary;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// Reads little-endian fields from an untrusted payload. Every read checks the remaining length and
/// <see cref="End"/> rejects trailing bytes; problems surface as <see cref="FormatException"/>
/// naming the message.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> source, string what)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private readonly string _what = what;
    private int _position;

    public readonly int Remaining => _source.Length - _position;

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A count of entries, each taking at least <paramref name="minEntryBytes"/>, that must fit in what remains.</summary>
    public int Count(int minEntryBytes, string entries)
    {
        var n = Int32();
        if (n < 0 || (long)n * minEntryBytes > Remaining)
        {
            throw new FormatException($"{_what}: {n} {entries} cannot fit in the {Remaining} bytes left");
        }

        return n;
    }

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw new FormatException($"{_what} is truncated: {length} more bytes needed at offset {_position}, {Remaining} left");
        }

        var slice = _source.Slice(_position, length);
        _position += length;
        return slice;
    }

    public readonly void End()
    {
        if (Remaining != 0)
        {
            throw new FormatException($"{_what} has {Remaining} unexpected trailing bytes");
        }
    }
}
