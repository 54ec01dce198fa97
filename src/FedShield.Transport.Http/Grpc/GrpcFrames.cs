using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace FedShield.Transport.Http.Grpc;

/// <summary>
/// gRPC's message framing on an HTTP/2 body: each message is a 1-byte compressed flag, a 4-byte big-endian
/// length and that many bytes of protobuf. Compressed messages (flag 1) are accepted with the gzip encoding.
/// </summary>
internal static class GrpcFrames
{
    public const string ContentType = "application/grpc";
    public const int HeaderBytes = 5;

    /// <summary>Writes one uncompressed message.</summary>
    public static async Task WriteAsync(Stream stream, IMessage message, CancellationToken cancellationToken)
    {
        var size = message.CalculateSize();
        var buffer = new byte[HeaderBytes + size];
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)size);
        message.WriteTo(buffer.AsSpan(HeaderBytes));
        await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One message as a gzip-compressed frame (flag 1); the request must carry <c>grpc-encoding: gzip</c>.</summary>
    public static byte[] CompressedFrame(IMessage message)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            message.WriteTo(gzip);
        }

        var body = compressed.ToArray();
        var buffer = new byte[HeaderBytes + body.Length];
        buffer[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)body.Length);
        body.CopyTo(buffer, HeaderBytes);
        return buffer;
    }

    /// <summary>One message as a frame, for bodies built in memory.</summary>
    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var buffer = new byte[HeaderBytes + size];
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)size);
        message.WriteTo(buffer.AsSpan(HeaderBytes));
        return buffer;
    }

    /// <summary>
    /// Reads the next message, or null at the end of the body.
    /// </summary>
    /// <exception cref="GrpcException">Truncated framing, a message over <paramref name="maxBytes"/>, an unknown compression, or bytes that do not parse.</exception>
    public static async Task<T?> ReadAsync<T>(Stream stream, MessageParser<T> parser, int maxBytes, string? encoding, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var header = new byte[HeaderBytes];
        var got = await FillAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < HeaderBytes)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"truncated gRPC frame: {got} of 5 header bytes");
        }

        var compressed = header[0];
        if (compressed > 1)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"gRPC frame flag {compressed}; expected 0 or 1");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxBytes)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"a message of {length} bytes exceeds the limit of {maxBytes}");
        }

        var body = new byte[length];
        if (await FillAsync(stream, body, cancellationToken).ConfigureAwait(false) < body.Length)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"truncated gRPC message: fewer than its {length} bytes arrived");
        }

        if (compressed == 1)
        {
            body = Decompress(body, encoding, maxBytes);
        }

        T message;
        try
        {
            message = parser.WithDiscardUnknownFields(true).ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"the message does not parse as {typeof(T).Name}: {ex.Message}");
        }

        // Fields this version does not know, or known fields sent with the wrong wire type, are skipped by the
        // parser; a message that shrinks on the way through had some, and is refused rather than half-read.
        if (message.CalculateSize() != body.Length)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"the {typeof(T).Name} carries {body.Length - message.CalculateSize()} bytes of unknown or mistyped fields");
        }

        return message;
    }

    private static byte[] Decompress(byte[] body, string? encoding, int maxBytes)
    {
        if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcException(GrpcStatusCode.Unimplemented, $"a compressed message with grpc-encoding '{encoding ?? "(none)"}'; only gzip is supported");
        }

        using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + n > maxBytes)
            {
                throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"a decompressed message exceeds the limit of {maxBytes} bytes");
            }

            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
