using System.Security.Cryptography.X509Certificates;

namespace FedShield.Transport.Http.Server;

/// <summary>How a FedShield server listens and what it accepts.</summary>
public sealed record HttpServerOptions
{
    /// <summary>Where to listen, e.g. <c>http://127.0.0.1:0</c> (port 0: any free port) or <c>https://0.0.0.0:7443</c>.</summary>
    public Uri Listen { get; init; } = new("http://127.0.0.1:0");

    /// <summary>The server certificate for https (required with an https address).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// The participant registry: client id to its credential, a token, or <c>cert:</c> followed by the SHA-256
    /// fingerprint (hex) of the client certificate it must present over https. Null admits any id without a
    /// credential (loopback experiments only).
    /// </summary>
    public IReadOnlyDictionary<int, string>? Tokens { get; init; }

    /// <summary>Clients whose tokens are revoked: refused with PERMISSION_DENIED.</summary>
    public IReadOnlySet<int> Revoked { get; init; } = new HashSet<int>();

    /// <summary>The largest gRPC message accepted or sent (bytes).</summary>
    public int MaxMessageBytes { get; init; } = 4 << 20;

    /// <summary>The largest payload chunk per message (bytes).</summary>
    public int ChunkBytes { get; init; } = 1 << 20;

    /// <summary>The largest whole payload (an update, a protocol message) accepted (bytes).</summary>
    public long MaxPayloadBytes { get; init; } = 1L << 30;

    /// <summary>The longest a long poll is held open.</summary>
    public TimeSpan MaxPollWait { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Each read of a request body must finish within this time.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Calls a client may make per second (polls, answers, joins) before RESOURCE_EXHAUSTED.</summary>
    public int MaxCallsPerSecond { get; init; } = 50;

    /// <summary>A client that has not polled for this long is no longer counted as available.</summary>
    public TimeSpan Liveness { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value out of range or an https address without a certificate.</exception>
    public void Validate()
    {
        if (Listen.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"listen address {Listen}: expected http:// or https://");
        }

        if (Listen.Scheme == "https" && Certificate is null)
        {
            throw new ArgumentException($"listen address {Listen} is https but no server certificate was given");
        }

        if (MaxMessageBytes < 1024 || ChunkBytes < 1 || ChunkBytes > MaxMessageBytes - 1024 || MaxPayloadBytes < 1 || MaxCallsPerSecond < 1)
        {
            throw new ArgumentException($"limits out of range: max message {MaxMessageBytes} B (>= 1024), chunk {ChunkBytes} B (1 to max message - 1024), max payload {MaxPayloadBytes} B, calls per second {MaxCallsPerSecond}");
        }
    }
}
