using System.Buffers.Binary;
using System.IO.Compression;

namespace FedShield.Data.Tests.Vision;

/// <summary>Writes small IDX files (raw or gzip) for tests of the reader.</summary>
internal static class IdxWriter
{
    public static byte[] Encode(int[] dims, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
        }

        return ms.ToArray();
    }
}
