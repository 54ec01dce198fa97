namespace FedShield.Transport.Http.Server;

/// <summary>What the server asked a client.</summary>
internal enum RequestKind
{
    Fit,
    Evaluate,
    Protocol,
}
