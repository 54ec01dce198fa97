using FedShield.Federation.Messages;

namespace FedShield.Transport.Http.Server;

/// <summary>An instruction sent to a client and the answer the transport awaits for it.</summary>
internal sealed class PendingRequest(long id, int clientId, int round, RequestKind kind, int dimension, string? protocol, int stage, long sentBytes)
{
    public long Id { get; } = id;

    public int ClientId { get; } = clientId;

    public int Round { get; } = round;

    public RequestKind Kind { get; } = kind;

    public int Dimension { get; } = dimension;

    public string? Protocol { get; } = protocol;

    public int Stage { get; } = stage;

    public long SentBytes { get; } = sentBytes;

    public TaskCompletionSource<ClientReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
