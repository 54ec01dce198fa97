using System.Runtime.InteropServices;
using FedShield.Transport.Http.Grpc;
using Google.Protobuf;

namespace FedShield.Transport.Http.Server;

/// <summary>
/// The round's broadcast weights cut into chunks once and shared by every client's instruction (chunks are
/// immutable), so that the server holds one copy of the model per round, not one per client.
/// </summary>
internal sealed class WeightChunks(int chunkBytes)
{
    private readonly Dictionary<(float[] Array, int Offset, int Length), IReadOnlyList<ByteString>> _byBuffer = [];

    public IReadOnlyList<ByteString> Of(ReadOnlyMemory<float> weights)
    {
        if (!MemoryMarshal.TryGetArray(weights, out var segment) || segment.Array is null)
        {
            return [.. Payload.Chunks(Payload.FromFloats(weights.Span), chunkBytes)];
        }

        var key = (segment.Array, segment.Offset, segment.Count);
        if (!_byBuffer.TryGetValue(key, out var chunks))
        {
            chunks = [.. Payload.Chunks(Payload.FromFloats(weights.Span), chunkBytes)];
            _byBuffer[key] = chunks;
        }

        return chunks;
    }
}
