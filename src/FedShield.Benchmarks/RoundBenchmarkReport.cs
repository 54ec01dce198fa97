using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of a round benchmark run.</summary>
/// <param name="Cpu">The processor, as the OS reports it.</param>
/// <param name="Options">What was run.</param>
/// <param name="RoundSeconds">FedShield's wall-clock seconds of each timed round, in order.</param>
/// <param name="FinalTrainLoss">The sample-weighted mean training loss of the clients in the last timed round (a sanity figure: training is real).</param>
/// <param name="Memory">Memory figures.</param>
/// <param name="Reference">The PyTorch side, or why it did not run.</param>
public sealed record RoundBenchmarkReport(
    string Cpu,
    RoundBenchmarkOptions Options,
    IReadOnlyList<double> RoundSeconds,
    double FinalTrainLoss,
    RoundMemory Memory,
    RoundReferenceResult Reference)
{
    private const double Mib = 1024.0 * 1024.0;

    /// <summary>FedShield's mean seconds per timed round.</summary>
    public double FedShieldRoundSeconds => RoundSeconds.Count == 0 ? double.NaN : RoundSeconds.Average();

    /// <summary>FedShield's round time over PyTorch's (lower is better for FedShield), or null without a reference.</summary>
    public double? Ratio => Reference.RoundSeconds is > 0 and var p ? FedShieldRoundSeconds / p : null;

    /// <summary>
    /// The JSON form: <c>{"fedshield_round_s": s, "pytorch_round_s": s | null, "ratio": r | null, ...}</c>
    /// followed by the workload, the parallelism, PyTorch's threads, and the memory figures in MiB
    /// (2^20 bytes). PyTorch's fields are null when it did not run; <c>reference</c> says why.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var m = Memory;
            w.WriteStartObject();
            w.WriteNumber("fedshield_round_s", Math.Round(FedShieldRoundSeconds, 4));
            WriteNullable(w, "pytorch_round_s", Reference.RoundSeconds is { } p ? Math.Round(p, 4) : null);
            WriteNullable(w, "ratio", Ratio is { } r ? Math.Round(r, 4) : null);
            w.WriteString("workload", Options.Workload);
            w.WriteNumber("clients", Options.Clients);
            w.WriteNumber("samples", Options.Samples);
            w.WriteNumber("epochs", Options.Epochs);
            w.WriteNumber("batch_size", Options.BatchSize);
            w.WriteString("optimizer", Options.Optimizer.ToString());
            w.WriteNumber("rounds", Options.Rounds);
            w.WriteNumber("workers", Options.Workers);
            w.WriteNumber("seed", Options.Seed);
            w.WriteStartArray("fedshield_round_times_s");
            foreach (var s in RoundSeconds)
            {
                w.WriteNumberValue(Math.Round(s, 4));
            }

            w.WriteEndArray();
            w.WriteNumber("final_train_loss", Math.Round(FinalTrainLoss, 6));
            WriteNullable(w, "pytorch_threads", Reference.Threads);
            WriteNullable(w, "pytorch_default_threads", Reference.DefaultThreads);
            WriteNullable(w, "pytorch_final_loss", Reference.FinalLoss);
            w.WriteString("reference", Reference.Note);
            w.WriteString("cpu", Cpu);
            w.WriteNumber("model_parameters", m.ModelParameters);
            w.WriteNumber("model_bytes", m.ModelBytes);
            w.WriteNumber("model_instances", m.ModelInstances);
            w.WriteNumber("warmup_reorder_depth", m.WarmupReorderDepth);
            w.WriteNumber("max_reorder_depth", m.MaxReorderDepth);
            w.WriteNumber("warmup_updates_held", m.WarmupUpdatesHeld);
            w.WriteNumber("max_updates_held", m.MaxUpdatesHeld);
            WriteMib(w, "updates_in_flight_mib", m.UpdatesInFlightBytes);
            WriteMib(w, "data_mib", m.DataBytes);
            WriteMib(w, "baseline_heap_mib", m.BaselineHeapBytes);
            WriteMib(w, "setup_heap_mib", m.SetupBytes);
            WriteMib(w, "heap_before_round_mib", m.HeapBeforeRoundBytes);
            WriteMib(w, "peak_live_heap_mib", m.PeakLiveHeapBytes);
            WriteMib(w, "round_live_extra_mib", m.RoundLiveExtraBytes);
            WriteMib(w, "heap_after_round_mib", m.HeapAfterRoundBytes);
            WriteMib(w, "heap_after_timed_mib", m.HeapAfterTimedBytes);
            WriteMib(w, "peak_sampled_heap_mib", m.PeakSampledHeapBytes);
            WriteMib(w, "peak_working_set_mib", m.PeakWorkingSetBytes);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A human-readable summary.</summary>
    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var o = Options;
        var m = Memory;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"CPU: {Cpu}");
        sb.AppendLine(c, $"Workload: FedAvg round of {o.Clients} clients × {o.Samples} samples × {o.Epochs} epoch(s), {o.Workload}, batch {o.BatchSize}, {o.Optimizer}; {o.Workers} worker(s); mean of {o.Rounds} timed round(s) after 1 warm-up");
        sb.AppendLine(c, $"PyTorch reference: {Reference.Note}");
        sb.AppendLine();
        sb.AppendLine(c, $"{"",-25} {"round (s)",10} {"final loss",11}");
        sb.AppendLine(c, $"{"FedShield",-25} {FedShieldRoundSeconds,10:F3} {FinalTrainLoss,11:F4}");
        string torch = Reference.RoundSeconds is { } p ? p.ToString("F3", c) : "-";
        string torchLoss = Reference.FinalLoss is { } l ? l.ToString("F4", c) : "-";
        sb.AppendLine(c, $"{"PyTorch",-25} {torch,10} {torchLoss,11}");
        sb.AppendLine(c, $"{"ratio (FedShield/PyTorch)",-25} {(Ratio is { } r ? r.ToString("F3", c) + "x" : "-"),10}");
        if (RoundSeconds.Count > 1)
        {
            sb.AppendLine(c, $"FedShield rounds (s): {string.Join(", ", RoundSeconds.Select(s => s.ToString("F3", c)))}");
        }

        sb.AppendLine();
        sb.AppendLine(c, $"Memory (MiB): model {m.ModelParameters:N0} parameters = {m.ModelBytes / Mib:F3}; {m.ModelInstances} model instance(s) for {m.Workers} worker(s); reorder depth {m.WarmupReorderDepth} (warm-up) / {m.MaxReorderDepth} (timed); updates held unfolded {m.WarmupUpdatesHeld} / {m.MaxUpdatesHeld}; updates in flight ≤ {m.UpdatesInFlightBytes / Mib:F3}");
        sb.AppendLine(c, $"  data set {m.DataBytes / Mib,10:F2}   setup (clients, pool, ...) {m.SetupBytes / Mib,8:F2}   live heap before round {m.HeapBeforeRoundBytes / Mib,8:F2}");
        sb.AppendLine(c, $"  peak live heap {m.PeakLiveHeapBytes / Mib,10:F2} (round adds {m.RoundLiveExtraBytes / Mib:F2})   live heap after warm-up {m.HeapAfterRoundBytes / Mib,8:F2}, after timed rounds {m.HeapAfterTimedBytes / Mib:F2}");
        sb.AppendLine(c, $"  peak sampled heap {m.PeakSampledHeapBytes / Mib,7:F2} (incl. uncollected garbage)   peak working set {m.PeakWorkingSetBytes / Mib,8:F2}");
        return sb.ToString();
    }

    private static void WriteMib(Utf8JsonWriter w, string name, long bytes) => w.WriteNumber(name, Math.Round(bytes / Mib, 3));

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
