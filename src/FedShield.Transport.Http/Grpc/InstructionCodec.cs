using FedShield.Federation.Messages;
using Google.Protobuf;
using FedShield.Transport.Http.Wire;

namespace FedShield.Transport.Http.Grpc;

/// <summary>Instructions to chunks (server) and chunks back to instructions (client).</summary>
internal static class InstructionCodec
{
    /// <param name="request">The request id.</param>
    /// <param name="fit">The instruction.</param>
    /// <param name="weights">The weights already cut into chunks, shared by every client of the round.</param>
    public static IReadOnlyList<Instruction> Encode(long request, FitInstruction fit, IReadOnlyList<ByteString> weights) =>
        Chunk(request, fit.Round, i => i.Fit = new FitHeader { Seed = fit.Seed, ProximalMu = fit.Settings.ProximalMu, Dimension = fit.Weights.Length }, weights, (long)fit.Weights.Length * 4);

    public static IReadOnlyList<Instruction> Encode(long request, EvaluateInstruction evaluate, IReadOnlyList<ByteString> weights) =>
        Chunk(request, evaluate.Round, i => i.Evaluate = new EvaluateHeader { Dimension = evaluate.Weights.Length }, weights, (long)evaluate.Weights.Length * 4);

    public static IReadOnlyList<Instruction> Encode(long request, ProtocolMessage message, int chunkBytes)
    {
        var weights = message.Fit is { } fit ? Payload.FromFloats(fit.Weights.Span) : [];
        return Chunk(
            request,
            message.Round,
            i => i.Protocol = new ProtocolHeader
            {
                Protocol = message.Protocol,
                Stage = message.Stage,
                HasFit = message.Fit is not null,
                FitSeed = message.Fit?.Seed ?? 0,
                ProximalMu = message.Fit?.Settings.ProximalMu ?? 0,
                Dimension = message.Fit?.Weights.Length ?? 0,
            },
            [.. weights, .. message.Payload.Span],
            chunkBytes);
    }

    public static IReadOnlyList<Instruction> EncodeStop(long request, string reason) =>
        Chunk(request, 0, i => i.Stop = new StopHeader { Reason = reason }, [], 1);

    /// <summary>Assembles one instruction from its chunks, for client <paramref name="clientId"/>.</summary>
    /// <exception cref="GrpcException">Chunks of different requests, no header, sizes that do not add up, NaN weights.</exception>
    public static RemoteInstruction Decode(IReadOnlyList<Instruction> chunks, int clientId, long maxPayloadBytes)
    {
        if (chunks.Count == 0)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "an instruction with no chunks");
        }

        var first = chunks[0];
        var assembler = new ChunkAssembler(first.TotalBytes, maxPayloadBytes, "instruction");
        foreach (var c in chunks)
        {
            if (c.Request != first.Request)
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument, $"chunks of requests {first.Request} and {c.Request} in one instruction");
            }

            assembler.Add(c.Data.Span);
        }

        if (!chunks[^1].Last)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "the instruction's stream ended before its last chunk");
        }

        var payload = assembler.Complete();
        switch (first.KindCase)
        {
            case Instruction.KindOneofCase.Fit:
                {
                    var h = first.Fit;
                    var weights = Payload.ToFloats(payload, h.Dimension, "fit weights");
                    return new RemoteInstruction(first.Request, Fit: new FitInstruction(first.Round, clientId, weights, h.Seed, new FitSettings { ProximalMu = h.ProximalMu }));
                }

            case Instruction.KindOneofCase.Evaluate:
                return new RemoteInstruction(first.Request, Evaluate: new EvaluateInstruction(first.Round, clientId, Payload.ToFloats(payload, first.Evaluate.Dimension, "evaluation weights")));
            case Instruction.KindOneofCase.Protocol:
                {
                    var h = first.Protocol;
                    var weightBytes = h.HasFit ? (long)h.Dimension * 4 : 0;
                    if (weightBytes > payload.Length)
                    {
                        throw new GrpcException(GrpcStatusCode.InvalidArgument, $"a protocol message announces {h.Dimension} weights but carries {payload.Length} bytes");
                    }

                    FitInstruction? fit = h.HasFit
                        ? new FitInstruction(first.Round, clientId, Payload.ToFloats(payload.AsSpan(0, (int)weightBytes), h.Dimension, "fit weights"), h.FitSeed, new FitSettings { ProximalMu = h.ProximalMu })
                        : null;
                    var message = new ProtocolMessage(first.Round, clientId, h.Protocol, h.Stage, payload.AsMemory((int)weightBytes), fit);
                    return new RemoteInstruction(first.Request, Protocol: message);
                }

            case Instruction.KindOneofCase.Stop:
                return new RemoteInstruction(first.Request, Stop: first.Stop.Reason);
            default:
                throw new GrpcException(GrpcStatusCode.InvalidArgument, "the instruction's first chunk has no kind");
        }
    }

    private static List<Instruction> Chunk(long request, int round, Action<Instruction> header, byte[] payload, int chunkBytes) =>
        Chunk(request, round, header, [.. Payload.Chunks(payload, chunkBytes)], payload.Length);

    private static List<Instruction> Chunk(long request, int round, Action<Instruction> header, IReadOnlyList<ByteString> slices, long total)
    {
        var chunks = new List<Instruction>();
        foreach (var slice in slices)
        {
            var chunk = new Instruction { Request = request, Round = round, TotalBytes = total, Data = slice };
            if (chunks.Count == 0)
            {
                header(chunk);
            }

            chunks.Add(chunk);
        }

        chunks[^1].Last = true;
        return chunks;
    }
}
