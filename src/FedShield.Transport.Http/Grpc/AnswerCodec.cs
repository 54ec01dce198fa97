using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Transport.Http.Wire;

using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Grpc;

/// <summary>A client's reply to chunks (client) and chunks back to a checked reply (server).</summary>
internal static class AnswerCodec
{
    public static IReadOnlyList<AnswerChunk> Encode(long request, int clientId, string session, ClientReply reply, int chunkBytes)
    {
        byte[] payload = [];
        Action<AnswerChunk> header;
        MetricSet metrics = MetricSet.Empty;
        switch (reply)
        {
            case ClientUpdate u:
                payload = Payload.FromFloats(u.Values);
                header = c => c.Update = new UpdateHeader { Delta = u.Kind == UpdateKind.Delta, Samples = u.SampleCount, Dimension = u.Values.Length };
                metrics = u.Metrics;
                break;
            case ClientEvaluation e:
                header = c => c.Evaluation = new EvaluationHeader { Samples = e.SampleCount, Loss = e.Loss, Accuracy = e.Accuracy };
                metrics = e.Metrics;
                break;
            case ProtocolReply p:
                payload = p.Payload;
                header = c => c.Protocol = new ProtocolReplyHeader { Protocol = p.Protocol, Stage = p.Stage };
                metrics = p.Metrics;
                break;
            case ClientFailure f:
                header = c => c.Failure = new FailureHeader { Kind = f.Kind.ToString(), Reason = f.Reason };
                break;
            default:
                throw new ArgumentException($"cannot send a {reply.GetType().Name}", nameof(reply));
        }

        var chunks = new List<AnswerChunk>();
        foreach (var slice in Payload.Chunks(payload, chunkBytes))
        {
            var chunk = new AnswerChunk { Request = request, ClientId = clientId, Session = session, Round = reply.Round, TotalBytes = payload.Length, Data = slice };
            if (chunks.Count == 0)
            {
                header(chunk);
                chunk.Metrics.AddRange(metrics.Select(m => new Wire.Metric { Name = m.Name, Value = m.Value }));
            }

            chunks.Add(chunk);
        }

        chunks[^1].Last = true;
        return chunks;
    }

    /// <summary>
    /// The reply carried by an answer's chunks, checked against what was asked: the kind, the round, the
    /// update's dimension, the protocol and stage; values must be finite and metrics named.
    /// </summary>
    /// <exception cref="GrpcException">Anything that does not match or does not parse.</exception>
    public static ClientReply Decode(IReadOnlyList<AnswerChunk> chunks, PendingRequest asked, long maxPayloadBytes)
    {
        var first = chunks[0];
        var assembler = new ChunkAssembler(first.TotalBytes, maxPayloadBytes, "answer");
        foreach (var c in chunks)
        {
            if (c.Request != first.Request || c.ClientId != first.ClientId)
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument, "chunks of different requests or clients in one answer");
            }

            assembler.Add(c.Data.Span);
        }

        if (!chunks[^1].Last)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "the answer's stream ended before its last chunk");
        }

        var payload = assembler.Complete();
        var id = asked.ClientId;
        if (first.Round != asked.Round)
        {
            throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"an answer for round {first.Round} to an instruction of round {asked.Round} (a replayed or stale answer)");
        }

        var metrics = Metrics(first);
        switch (first.KindCase)
        {
            case AnswerChunk.KindOneofCase.Failure:
                var kind = Enum.TryParse<FailureKind>(first.Failure.Kind, out var k) ? k : FailureKind.Error;
                return new ClientFailure(id, asked.Round, kind, first.Failure.Reason);
            case AnswerChunk.KindOneofCase.Update when asked.Kind == RequestKind.Fit:
                {
                    var h = first.Update;
                    if (h.Samples <= 0)
                    {
                        throw new GrpcException(GrpcStatusCode.InvalidArgument, $"an update from {h.Samples} samples; expected a positive count");
                    }

                    if (h.Dimension != asked.Dimension)
                    {
                        throw new GrpcException(GrpcStatusCode.InvalidArgument, $"an update of {h.Dimension} values for a model of {asked.Dimension}");
                    }

                    var values = Payload.ToFloats(payload, h.Dimension, "update");
                    return new ClientUpdate(id, asked.Round, values, h.Delta ? UpdateKind.Delta : UpdateKind.Weights, h.Samples, metrics);
                }

            case AnswerChunk.KindOneofCase.Evaluation when asked.Kind == RequestKind.Evaluate:
                {
                    var h = first.Evaluation;
                    if (h.Samples < 0 || !double.IsFinite(h.Loss) || !double.IsFinite(h.Accuracy))
                    {
                        throw new GrpcException(GrpcStatusCode.InvalidArgument, $"an evaluation of {h.Samples} samples, loss {h.Loss}, accuracy {h.Accuracy}");
                    }

                    return new ClientEvaluation(id, asked.Round, h.Samples, h.Loss, h.Accuracy, metrics);
                }

            case AnswerChunk.KindOneofCase.Protocol when asked.Kind == RequestKind.Protocol:
                {
                    var h = first.Protocol;
                    if (!string.Equals(h.Protocol, asked.Protocol, StringComparison.Ordinal) || h.Stage != asked.Stage)
                    {
                        throw new GrpcException(GrpcStatusCode.InvalidArgument, $"a reply for '{h.Protocol}' stage {h.Stage} to a message of '{asked.Protocol}' stage {asked.Stage}");
                    }

                    return new ProtocolReply(id, asked.Round, h.Protocol, h.Stage, payload, metrics);
                }

            default:
                throw new GrpcException(GrpcStatusCode.InvalidArgument, $"a {first.KindCase} answer to a {asked.Kind} instruction");
        }
    }

    private static MetricSet Metrics(AnswerChunk first)
    {
        var list = new List<Federation.Metrics.Metric>();
        foreach (var m in first.Metrics)
        {
            if (string.IsNullOrEmpty(m.Name) || !double.IsFinite(m.Value))
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument, $"metric '{m.Name}' = {m.Value}: a metric needs a name and a finite value");
            }

            list.Add(new Federation.Metrics.Metric(m.Name, m.Value));
        }

        try
        {
            return MetricSet.Of([.. list]);
        }
        catch (ArgumentException ex)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"metrics: {ex.Message}");
        }
    }
}
