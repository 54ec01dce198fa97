namespace FedShield.Federation.Messages;

/// <summary>Bytes moved in one exchange or summed over many.</summary>
/// <param name="Sent">Bytes from the server to the client(s) (downlink).</param>
/// <param name="Received">Bytes from the client(s) to the server (uplink).</param>
public readonly record struct Traffic(long Sent, long Received)
{
    /// <summary>Sent plus received.</summary>
    public long Total => Sent + Received;

    /// <summary>The element-wise sum of two counts.</summary>
    public static Traffic operator +(Traffic a, Traffic b) => new(a.Sent + b.Sent, a.Received + b.Received);

    /// <summary>The element-wise sum of two counts.</summary>
    public static Traffic Add(Traffic a, Traffic b) => a + b;
}
