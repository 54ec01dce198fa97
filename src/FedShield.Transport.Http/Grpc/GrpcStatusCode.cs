namespace FedShield.Transport.Http.Grpc;

/// <summary>The gRPC status codes FedShield answers with (the numbering of the gRPC specification).</summary>
public enum GrpcStatusCode
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>The call was cancelled.</summary>
    Cancelled = 1,

    /// <summary>A malformed request: bad framing, an undecodable message, wrong sizes or values.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline passed (a round's timeout).</summary>
    DeadlineExceeded = 4,

    /// <summary>An unknown session or request.</summary>
    NotFound = 5,

    /// <summary>The client is known but not allowed (revoked).</summary>
    PermissionDenied = 7,

    /// <summary>Too many requests from this client, or a message over the size limit.</summary>
    ResourceExhausted = 8,

    /// <summary>A request out of order (an answer to an instruction already answered, a replayed round).</summary>
    FailedPrecondition = 9,

    /// <summary>No such method.</summary>
    Unimplemented = 12,

    /// <summary>A server fault.</summary>
    Internal = 13,

    /// <summary>The server is shutting down or not ready.</summary>
    Unavailable = 14,

    /// <summary>No or wrong credentials.</summary>
    Unauthenticated = 16,
}
