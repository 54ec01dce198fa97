namespace FedShield.Transport.Http.Grpc;

/// <summary>Collects the chunks of one payload, refusing more bytes than the first chunk announced or than the limit.</summary>
internal sealed class ChunkAssembler(long total, long limit, string what)
{
    private readonly MemoryStream _bytes = total is >= 0 && total <= limit
        ? new MemoryStream((int)Math.Min(total, int.MaxValue))
        : throw new GrpcException(total < 0 ? GrpcStatusCode.InvalidArgument : GrpcStatusCode.ResourceExhausted, $"{what}: a payload of {total} bytes (the limit is {limit})");

    public void Add(ReadOnlySpan<byte> chunk)
    {
        if (_bytes.Length + chunk.Length > total)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"{what}: chunks carry more than the {total} bytes announced");
        }

        _bytes.Write(chunk);
    }

    public byte[] Complete()
    {
        if (_bytes.Length != total)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"{what}: {_bytes.Length} of the {total} bytes announced arrived");
        }

        return _bytes.ToArray();
    }
}
