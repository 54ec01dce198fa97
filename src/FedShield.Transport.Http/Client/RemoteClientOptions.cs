namespace FedShield.Transport.Http.Client;

/// <summary>How a client process talks to its server.</summary>
public sealed record RemoteClientOptions
{
    /// <summary>How long a long poll waits for an instruction.</summary>
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The first wait after a failed call; doubled after each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Give up after the server has been unreachable this long; null to keep trying.</summary>
    public TimeSpan? GiveUpAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest gRPC message this client accepts (bytes).</summary>
    public int MaxMessageBytes { get; init; } = 4 << 20;

    /// <summary>The largest whole instruction payload this client accepts (bytes).</summary>
    public long MaxPayloadBytes { get; init; } = 1L << 30;

    /// <summary>Send gzip-compressed messages (<c>grpc-encoding: gzip</c>); worth it on slow uplinks for compressible payloads.</summary>
    public bool Compress { get; init; }

    /// <summary>Timeout of one HTTP call beyond the poll wait.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
