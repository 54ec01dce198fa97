using System.Buffers.Binary;

namespace FedShield.Privacy.Niss;

/// <summary>
/// Reads a little-endian payload field by field; every read checks the remaining length and every
/// failure is an <see cref="InvalidDataException"/> that says what was being read.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> payload, string what)
{
    private ReadOnlySpan<byte> _rest = payload;

    public readonly int Remaining => _rest.Length;

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public double ReadDouble(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    /// <summary>A count in [0, <paramref name="max"/>] whose items of at least <paramref name="minItemBytes"/> bytes fit in what is left.</summary>
    public int ReadCount(string field, int max, int minItemBytes)
    {
        var n = ReadInt32(field);
        if (n < 0 || n > max)
        {
            throw new InvalidDataException($"{what}: {field} is {n}; expected 0 to {max}");
        }

        if ((long)n * minItemBytes > _rest.Length)
        {
            throw new InvalidDataException($"{what}: {field} is {n} but only {_rest.Length} bytes follow");
        }

        return n;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field) => Take(count, field);

    public readonly void End()
    {
        if (!_rest.IsEmpty)
        {
            throw new InvalidDataException($"{what}: {_rest.Length} unexpected bytes after the last field");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > _rest.Length)
        {
            throw new InvalidDataException($"{what}: truncated at {field} (needs {count} bytes, {_rest.Length} left)");
        }

        var head = _rest[..count];
        _rest = _rest[count..];
        return head;
    }
}
