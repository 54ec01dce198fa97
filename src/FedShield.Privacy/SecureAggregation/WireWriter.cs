using System.Buffers.Binary;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>Writes little-endian fields into a buffer sized in advance; <see cref="End"/> checks it was filled exactly.</summary>
internal ref struct WireWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public readonly int Position => _position;

    public void Byte(byte value) => _destination[_position++] = value;

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_position..], value);
        _position += 4;
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    /// <summary>A slice of the next <paramref name="length"/> bytes for the caller to fill.</summary>
    public Span<byte> Take(int length)
    {
        var slice = _destination.Slice(_position, length);
        _position += length;
        return slice;
    }

    public readonly void End()
    {
        if (_position != _destination.Length)
        {
            throw new InvalidOperationException($"encoder wrote {_position} of {_destination.Length} bytes");
        }
    }
}
