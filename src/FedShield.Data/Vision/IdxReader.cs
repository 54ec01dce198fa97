using System.Buffers.Binary;
using System.IO.Compression;
using FedShield.Data.Sources;

namespace FedShield.Data.Vision;

/// <summary>
/// Reads IDX files (LeCun's MNIST format), raw or gzip-compressed (detected from the first two bytes).
/// Header: two zero bytes, a type byte (only 0x08 = unsigned byte is used by the MNIST family), the number
/// of dimensions, then each dimension as a big-endian int32; then the data. A wrong magic number, a
/// truncated or corrupt stream, or trailing bytes are reported with the file and the byte position.
/// </summary>
public static class IdxReader
{
    private const int MaxDimensions = 8;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">An IDX file, optionally gzip-compressed.</param>
    /// <param name="expectedRank">The number of dimensions required (3 for images, 1 for labels), or null for any.</param>
    /// <param name="expectedContentSha256">The SHA-256 of the uncompressed IDX bytes to verify, or null to skip.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a valid IDX file of bytes, or its checksum differs.</exception>
    public static IdxFile Read(string path, int? expectedRank = null, string? expectedContentSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file not found: {path}", path);
        }

        using var file = File.OpenRead(path);
        bool gzip = IsGzip(file);
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
        string where = gzip ? "decompressed byte" : "byte";
        try
        {
            Span<byte> head = stackalloc byte[4];
            ReadFully(stream, head, path, where, 0);
            if (head[0] != 0 || head[1] != 0 || head[2] != 0x08 || head[3] == 0 || head[3] > MaxDimensions)
            {
                throw new DataFormatException(path, $"{where} 0", $"magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(head):X8} is not an IDX file of unsigned bytes; expected 0x000008NN with NN the number of dimensions (0x00000801 for labels, 0x00000803 for images).");
            }

            int rank = head[3];
            if (expectedRank is { } r && rank != r)
            {
                throw new DataFormatException(path, $"{where} 3", $"the header declares {rank} dimensions, expected {r} (magic 0x0000080{r}).");
            }

            var dims = new int[rank];
            Span<byte> dimBytes = stackalloc byte[4 * MaxDimensions];
            ReadFully(stream, dimBytes[..(4 * rank)], path, where, 4);
            long count = 1;
            for (int i = 0; i < rank; i++)
            {
                int d = BinaryPrimitives.ReadInt32BigEndian(dimBytes.Slice(4 * i, 4));
                if (d <= 0)
                {
                    throw new DataFormatException(path, $"{where} {4 + (4 * i)}", $"dimension {i} is {d}; expected a positive size.");
                }

                dims[i] = d;
                count *= d;
            }

            long headerLength = 4 + (4L * rank);
            if (count > Array.MaxLength)
            {
                throw new DataFormatException(path, $"{where} 4", $"the header declares {count} data bytes, more than one array can hold.");
            }

            var data = new byte[count];
            ReadFully(stream, data, path, where, headerLength);
            if (stream.ReadByte() >= 0)
            {
                throw new DataFormatException(path, $"{where} {headerLength + count}", $"extra bytes after the {count} data bytes that the header [{string.Join(" × ", dims)}] declares; expected the end of the file.");
            }

            if (expectedContentSha256 is not null)
            {
                var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                Span<byte> header = stackalloc byte[4 + (4 * MaxDimensions)];
                head.CopyTo(header);
                dimBytes[..(4 * rank)].CopyTo(header[4..]);
                hash.AppendData(header[..(int)headerLength]);
                hash.AppendData(data);
                Checksum.Require(path, gzip ? "SHA-256 of the decompressed bytes" : "SHA-256 of the whole file", expectedContentSha256, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }

            return new IdxFile(path, dims, data);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"compressed byte {file.Position}", $"the gzip stream is corrupt ({e.Message}); expected a valid gzip file.", e);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static void ReadFully(Stream stream, Span<byte> buffer, string path, string where, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                throw new DataFormatException(path, $"{where} {offset + total}", $"the file ends here, {buffer.Length - total} bytes short of the {offset + buffer.Length} its header requires (truncated file?).");
            }

            total += n;
        }
    }
}
