using System.Globalization;
using System.Net;

namespace FedShield.Benchmarks;

/// <summary>
/// The server's call counters, read from its Prometheus endpoint (<c>GET /metrics</c>) as an operator
/// would: gRPC calls received and calls refused (any reason, e.g. the per-client rate limit).
/// </summary>
/// <param name="Calls">Sum of <c>fedshield_calls_total</c> over the methods.</param>
/// <param name="Refused">Sum of <c>fedshield_rejected_total</c> over the reasons.</param>
internal readonly record struct NetworkServerMetrics(long Calls, long Refused)
{
    /// <summary>The counters now.</summary>
    public static async Task<NetworkServerMetrics> ReadAsync(Uri server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/metrics"))
        {
            // The server speaks cleartext HTTP/2 only (prior knowledge).
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sums the two counters in Prometheus text.</summary>
    public static NetworkServerMetrics Parse(string text)
    {
        long calls = 0, refused = 0;
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (space < 0 || line.StartsWith('#') || !long.TryParse(line.AsSpan(space + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (line.StartsWith("fedshield_calls_total", StringComparison.Ordinal))
            {
                calls += value;
            }
            else if (line.StartsWith("fedshield_rejected_total", StringComparison.Ordinal))
            {
                refused += value;
            }
        }

        return new NetworkServerMetrics(calls, refused);
    }

    /// <summary>The counts between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static NetworkServerMetrics operator -(NetworkServerMetrics after, NetworkServerMetrics before) => Subtract(after, before);

    /// <summary>The counts between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static NetworkServerMetrics Subtract(NetworkServerMetrics after, NetworkServerMetrics before) =>
        new(after.Calls - before.Calls, after.Refused - before.Refused);
}
