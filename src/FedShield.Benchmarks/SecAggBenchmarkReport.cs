using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of a secure-aggregation benchmark sweep.</summary>
/// <param name="Cpu">The processor, as the OS reports it.</param>
/// <param name="Options">What was swept.</param>
/// <param name="Calibration">The machine's measured speed, used for the estimates.</param>
/// <param name="Cases">One entry per (variant, n, d, dropout), in sweep order, skipped ones included.</param>
public sealed record SecAggBenchmarkReport(
    string Cpu,
    SecAggBenchmarkOptions Options,
    SecAggCalibration Calibration,
    IReadOnlyList<SecAggBenchmarkCase> Cases)
{
    /// <summary>
    /// The JSON form, as <c>bench aggregate</c> writes it: <c>{"cases": [...]}</c> with one record per
    /// (variant, n, d, dropout): <c>variant</c>, <c>n</c>, <c>d</c>, <c>dropout</c>, <c>dropped</c>,
    /// <c>status</c> (<c>ok</c> or <c>skipped</c>), <c>skip_reason</c>, the estimate
    /// (<c>estimated_seconds</c>, <c>estimated_client_prg_bytes</c>, <c>estimated_server_prg_bytes</c>),
    /// the measurements (null when skipped): <c>wall_seconds</c>, <c>client_seconds_mean</c>,
    /// <c>client_seconds_max</c>, <c>server_seconds</c>, <c>unmask_seconds</c>, <c>cpu_seconds</c>
    /// (the process's CPU time over the round, all threads),
    /// <c>client_sent_bytes_mean</c> and <c>client_received_bytes_mean</c> (per surviving client),
    /// <c>server_sent_bytes</c>, <c>server_received_bytes</c>, <c>server_bytes_total</c>,
    /// <c>expansion</c> (client upload over 4·d), <c>survivors</c>, <c>threshold</c>, <c>degree</c>,
    /// <c>error_bound</c>, <c>max_abs_error</c>; and the setting: <c>bits</c>, <c>workers</c>,
    /// <c>server_threads</c>, <c>max_seconds</c>, <c>load_average</c> (1-minute, at the case's start),
    /// the calibration (<c>calibration_*</c>) and the CPU.
    /// </summary>
    public string ToJson()
    {
        return BenchmarkJson.Cases(Cases, (w, c) =>
        {
            w.WriteString("variant", c.VariantName);
            w.WriteNumber("n", c.N);
            w.WriteNumber("d", c.D);
            w.WriteNumber("dropout", c.Dropout);
            w.WriteNumber("dropped", c.Dropped);
            w.WriteString("status", c.Skipped ? "skipped" : "ok");
            if (c.SkipReason is { } reason)
            {
                w.WriteString("skip_reason", reason);
            }
            else
            {
                w.WriteNull("skip_reason");
            }

            w.WriteNumber("estimated_seconds", Math.Round(c.Estimate.Seconds, 3));
            w.WriteNumber("estimated_client_prg_bytes", Math.Round(c.Estimate.ClientPrgBytes));
            w.WriteNumber("estimated_server_prg_bytes", Math.Round(c.Estimate.ServerPrgBytes));
            var m = c.Measured;
            WriteNullable(w, "wall_seconds", m?.WallSeconds, 4);
            WriteNullable(w, "client_seconds_mean", m?.ClientSecondsMean, 5);
            WriteNullable(w, "client_seconds_max", m?.ClientSecondsMax, 5);
            WriteNullable(w, "server_seconds", m?.ServerSeconds, 5);
            WriteNullable(w, "unmask_seconds", m?.UnmaskSeconds, 5);
            WriteNullable(w, "cpu_seconds", m?.CpuSeconds, 4);
            WriteNullable(w, "client_sent_bytes_mean", m?.ClientSentBytesMean, 1);
            WriteNullable(w, "client_received_bytes_mean", m?.ClientReceivedBytesMean, 1);
            WriteNullable(w, "server_sent_bytes", m?.ServerSentBytes, 0);
            WriteNullable(w, "server_received_bytes", m?.ServerReceivedBytes, 0);
            WriteNullable(w, "server_bytes_total", m?.ServerTotalBytes, 0);
            WriteNullable(w, "expansion", m?.Expansion(c.D), 4);
            WriteNullable(w, "survivors", m?.Survivors, 0);
            WriteNullable(w, "threshold", m?.Threshold, 0);
            w.WriteNumber("degree", m?.Degree ?? c.Estimate.Degree);
            WriteNullable(w, "error_bound", m?.ErrorBound, null);
            WriteNullable(w, "max_abs_error", m?.MaxAbsError, null);
            w.WriteNumber("bits", Options.Bits);
            w.WriteNumber("workers", Options.Workers);
            w.WriteNumber("server_threads", Options.ServerThreads);
            w.WriteNumber("max_seconds", Options.MaxSeconds);
            WriteNullable(w, "load_average", c.LoadAverage, 2);
            w.WriteNumber("calibration_prg_bytes_per_second", Math.Round(Calibration.PrgBytesPerSecond));
            w.WriteNumber("calibration_pair_seconds", Calibration.PairSeconds);
            w.WriteNumber("calibration_derive_seconds", Calibration.DeriveSeconds);
            w.WriteNumber("calibration_seal_open_seconds", Calibration.SealOpenSeconds);
            w.WriteString("cpu", Cpu);
        });
    }

    /// <summary>A human-readable table.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"CPU: {Cpu}");
        sb.AppendLine(ci, $"Protocol: {Options.Bits}-bit ring, clip range 1, majority threshold; SecAgg+ degree 2*ceil(4*log2 n); dropouts at the masked-input stage (after key sharing)");
        sb.AppendLine(ci, $"Transport: in-process, {Options.Workers} client worker(s); server removes masks on {Options.ServerThreads} thread(s); one round per case");
        sb.AppendLine(ci, $"Calibration ({Calibration.Threads} thread(s) at once): mask stream {Calibration.PrgBytesPerSecond / 1e9:F2} GB/s per thread; key work {Calibration.PairSeconds * 1e3:F3} ms per client pair (2 x ECDH+HKDF {Calibration.DeriveSeconds * 1e3:F3} ms, AES-GCM seal+open {Calibration.SealOpenSeconds * 1e3:F3} ms)");
        sb.AppendLine(ci, $"Budget: {Options.MaxSeconds:0.###} s per case (estimated); load: 1-minute load average at each case's start (other work sharing the cores)");
        sb.AppendLine("Client seconds: wall-clock compute per client over all stages (training excluded); cpu s: the process's CPU time over the round, all threads (unaffected by other work on the machine); bytes per surviving client; server bytes over all clients.");
        sb.AppendLine();
        sb.AppendLine(ci, $"{"variant",-8} {"n",4} {"d",10} {"drop",5} {"deg",4} {"t",4} {"surv",4} {"wall s",8} {"client s",9} {"max s",8} {"server s",9} {"cpu s",8} {"sent KiB",10} {"recv KiB",10} {"expand",7} {"server MiB",11} {"max err",9} {"load",5}  note");
        foreach (var c in Cases)
        {
            var head = string.Create(ci, $"{c.VariantName,-8} {c.N,4} {c.D,10:N0} {c.Dropout,5:P0}");
            if (c.Measured is not { } m)
            {
                sb.AppendLine(ci, $"{head} {c.Estimate.Degree,4} {"-",4} {"-",4} {"-",8} {"-",9} {"-",8} {"-",9} {"-",8} {"-",10} {"-",10} {"-",7} {"-",11} {"-",9} {c.LoadAverage,5:F1}  skipped: estimated {c.Estimate.Seconds:F1} s > {Options.MaxSeconds:0.###} s");
                continue;
            }

            sb.AppendLine(ci, $"{head} {m.Degree,4} {m.Threshold,4} {m.Survivors,4} {m.WallSeconds,8:F2} {m.ClientSecondsMean,9:F3} {m.ClientSecondsMax,8:F3} {m.ServerSeconds,9:F3} {m.CpuSeconds,8:F2} {m.ClientSentBytesMean / 1024,10:F1} {m.ClientReceivedBytesMean / 1024,10:F1} {m.Expansion(c.D),7:F3} {m.ServerTotalBytes / (1024.0 * 1024.0),11:F1} {m.MaxAbsError,9:G2} {c.LoadAverage,5:F1}  est. {c.Estimate.Seconds:F1} s");
        }

        return sb.ToString();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value, int? digits)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, digits is { } k ? Math.Round(v, k) : v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
