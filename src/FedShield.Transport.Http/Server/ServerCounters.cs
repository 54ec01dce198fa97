using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace FedShield.Transport.Http.Server;

/// <summary>The server's counters, for the health and Prometheus endpoints.</summary>
internal sealed class ServerCounters
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _bytesIn;
    private long _bytesOut;

    public void Call(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);

    public void Reject(string reason) => _rejected.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void In(long bytes) => Interlocked.Add(ref _bytesIn, bytes);

    public void Out(long bytes) => Interlocked.Add(ref _bytesOut, bytes);

    public long Rejected(string reason) => _rejected.GetValueOrDefault(reason);

    /// <summary>The Prometheus text exposition of the counters and of <paramref name="gauges"/>.</summary>
    public string Prometheus(IReadOnlyDictionary<string, double> gauges)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# HELP fedshield_calls_total gRPC calls received, by method.");
        sb.AppendLine("# TYPE fedshield_calls_total counter");
        foreach (var (method, n) in _calls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(ci, $"fedshield_calls_total{{method=\"{method}\"}} {n}");
        }

        sb.AppendLine("# HELP fedshield_rejected_total Calls refused, by reason.");
        sb.AppendLine("# TYPE fedshield_rejected_total counter");
        foreach (var (reason, n) in _rejected.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(ci, $"fedshield_rejected_total{{reason=\"{reason}\"}} {n}");
        }

        sb.AppendLine("# HELP fedshield_bytes_received_total Request bytes received.");
        sb.AppendLine("# TYPE fedshield_bytes_received_total counter");
        sb.AppendLine(ci, $"fedshield_bytes_received_total {Interlocked.Read(ref _bytesIn)}");
        sb.AppendLine("# HELP fedshield_bytes_sent_total Response bytes sent.");
        sb.AppendLine("# TYPE fedshield_bytes_sent_total counter");
        sb.AppendLine(ci, $"fedshield_bytes_sent_total {Interlocked.Read(ref _bytesOut)}");
        foreach (var (name, value) in gauges.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(ci, $"# TYPE {name} gauge");
            sb.AppendLine(ci, $"{name} {value}");
        }

        return sb.ToString();
    }
}
