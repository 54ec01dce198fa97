using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of a privacy-overhead run.</summary>
/// <param name="Cpu">The processor, as the OS reports it.</param>
/// <param name="Options">What was run.</param>
/// <param name="Cases">One entry per length and mechanism, lengths in order, mechanisms in <see cref="PrivacyOverheadOptions.Mechanisms"/> order.</param>
public sealed record PrivacyOverheadReport(string Cpu, PrivacyOverheadOptions Options, IReadOnlyList<PrivacyOverheadCase> Cases)
{
    /// <summary>
    /// The JSON form, as <c>bench aggregate</c> writes it: <c>{"cases": [...]}</c> with one record per
    /// (mechanism, d): <c>mechanism</c>, <c>d</c>, <c>clients</c>, <c>round_ms</c> (median),
    /// <c>round_times_ms</c>, <c>cpu_ms_per_round</c> (the process's CPU time, all threads),
    /// <c>client_sent_bytes</c>, <c>client_received_bytes</c>, <c>client_bytes</c>, <c>time_ratio</c>,
    /// <c>cpu_ratio</c> and <c>bytes_ratio</c> (over plain FedAvg at the same d),
    /// <c>load_average</c> (1-minute, before the warm-up round), the settings (<c>repeat</c>,
    /// <c>workers</c>, <c>settings</c>) and the CPU.
    /// </summary>
    public string ToJson()
    {
        return BenchmarkJson.Cases(Cases, (w, c) =>
        {
            w.WriteString("mechanism", c.Mechanism);
            w.WriteNumber("d", c.D);
            w.WriteNumber("clients", c.Clients);
            w.WriteNumber("round_ms", Math.Round(c.RoundMs, 3));
            w.WriteStartArray("round_times_ms");
            foreach (var t in c.RoundTimesMs)
            {
                w.WriteNumberValue(Math.Round(t, 3));
            }

            w.WriteEndArray();
            w.WriteNumber("cpu_ms_per_round", Math.Round(c.CpuMsPerRound, 3));
            w.WriteNumber("client_sent_bytes", Math.Round(c.ClientSentBytes, 1));
            w.WriteNumber("client_received_bytes", Math.Round(c.ClientReceivedBytes, 1));
            w.WriteNumber("client_bytes", Math.Round(c.ClientBytes, 1));
            WriteRatio(w, "time_ratio", c.TimeRatio);
            WriteRatio(w, "cpu_ratio", c.CpuRatio);
            WriteRatio(w, "bytes_ratio", c.BytesRatio);
            WriteRatio(w, "load_average", c.LoadAverage);
            w.WriteNumber("repeat", Options.Repeat);
            w.WriteNumber("workers", Options.Workers);
            w.WriteString("settings", Describe(c.Mechanism));
            w.WriteString("cpu", Cpu);
        });
    }

    /// <summary>A human-readable table.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"CPU: {Cpu}");
        sb.AppendLine(ci, $"Rounds: Orchestrator + in-process transport ({Options.Workers} worker(s)), {Options.Clients} clients that train in no time; median of {Options.Repeat} timed round(s) after 1 warm-up; cpu ms: the process's CPU time per round, all threads (unaffected by other work on the machine)");
        foreach (var m in PrivacyOverheadOptions.Mechanisms)
        {
            sb.AppendLine(ci, $"  {m,-10} {Describe(m)}");
        }

        sb.AppendLine();
        sb.AppendLine(ci, $"{"mechanism",-11} {"d",10} {"round ms",10} {"x plain",8} {"cpu ms",9} {"x plain",8} {"up KiB",10} {"down KiB",10} {"bytes x",8} {"load",5}");
        foreach (var c in Cases)
        {
            sb.AppendLine(ci, $"{c.Mechanism,-11} {c.D,10:N0} {c.RoundMs,10:F1} {c.TimeRatio,8:F2} {c.CpuMsPerRound,9:F1} {c.CpuRatio,8:F2} {c.ClientSentBytes / 1024,10:F1} {c.ClientReceivedBytes / 1024,10:F1} {c.BytesRatio,8:F3} {c.LoadAverage,5:F1}");
        }

        return sb.ToString();
    }

    private string Describe(string mechanism)
    {
        var o = Options;
        return mechanism switch
        {
            "plain" => "FedAvg (weighted mean), plain fit exchange",
            "local-dp" => string.Create(CultureInfo.InvariantCulture, $"LocalDpClient: clip C = {o.ClipNorm}, N(0, {o.LocalNoiseStd}^2) per coordinate on each client"),
            "central-dp" => string.Create(CultureInfo.InvariantCulture, $"CentralDpAggregator: clip C = {o.ClipNorm}, noise multiplier {o.CentralNoiseMultiplier}, qN = {o.Clients}"),
            "niss" => string.Create(CultureInfo.InvariantCulture, $"NissClient + NissProtocol: sigma^2 = {o.NissUnitVariance}, sigma_k^2 = {o.NissNoiseVariance} ({Math.Round(o.NissNoiseVariance / o.NissUnitVariance)} shares per client), tau = {o.NissTau}, every other client a neighbour"),
            "secagg" => "SecureAggregationClient + SecureAggregationProtocol: SecAgg, 32-bit ring, majority threshold, no dropouts",
            _ => mechanism,
        };
    }

    private static void WriteRatio(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
