using System.Runtime.InteropServices;
using Google.Protobuf;

namespace FedShield.Transport.Http.Grpc;

/// <summary>Float vectors as little-endian bytes, and payloads cut into chunks.</summary>
internal static class Payload
{
    public static byte[] FromFloats(ReadOnlySpan<float> values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("FedShield's wire format is little-endian");
        }

        return MemoryMarshal.AsBytes(values).ToArray();
    }

    /// <summary>Floats from bytes; the byte count must be 4 × <paramref name="dimension"/> and every value finite.</summary>
    /// <exception cref="GrpcException">Wrong length, or NaN or infinity.</exception>
    public static float[] ToFloats(ReadOnlySpan<byte> bytes, int dimension, string what)
    {
        if (dimension < 0 || bytes.Length != (long)dimension * 4)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"{what}: {bytes.Length} bytes for {dimension} values; expected {(long)dimension * 4}");
        }

        var values = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument, $"{what}: value {i} is {values[i]}; NaN and infinities are refused");
            }
        }

        return values;
    }

    /// <summary>The slices of <paramref name="payload"/> of at most <paramref name="chunkBytes"/>; one empty slice for an empty payload.</summary>
    public static IEnumerable<ByteString> Chunks(byte[] payload, int chunkBytes)
    {
        if (payload.Length == 0)
        {
            yield return ByteString.Empty;
            yield break;
        }

        for (var offset = 0; offset < payload.Length; offset += chunkBytes)
        {
            yield return ByteString.CopyFrom(payload, offset, Math.Min(chunkBytes, payload.Length - offset));
        }
    }
}
