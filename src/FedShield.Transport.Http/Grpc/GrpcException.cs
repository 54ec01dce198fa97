namespace FedShield.Transport.Http.Grpc;

/// <summary>A call that ended with a gRPC status other than OK, on either side.</summary>
public sealed class GrpcException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrpcException(GrpcStatusCode status, string message)
        : base(message) => Status = status;

    /// <summary>Creates the exception.</summary>
    public GrpcException()
        : this(GrpcStatusCode.Internal, "gRPC call failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrpcException(string message)
        : this(GrpcStatusCode.Internal, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrpcException(string message, Exception innerException)
        : base(message, innerException) => Status = GrpcStatusCode.Internal;

    /// <summary>The status.</summary>
    public GrpcStatusCode Status { get; }
}
