using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of an aggregate benchmark run.</summary>
/// <param name="Cpu">The processor, as the OS reports it.</param>
/// <param name="Options">What was run.</param>
/// <param name="Cases">One entry per rule and size, sizes in order, rules in <see cref="AggregateBenchmarkOptions.Methods"/> order.</param>
/// <param name="Reference">The PyTorch side's version and threads, or why it did not run.</param>
/// <param name="PyTorchThreads">PyTorch's intra-op threads; null when it did not run.</param>
public sealed record AggregateBenchmarkReport(
    string Cpu,
    AggregateBenchmarkOptions Options,
    IReadOnlyList<AggregateBenchmarkCase> Cases,
    string Reference,
    int? PyTorchThreads)
{
    private const double Mib = 1024.0 * 1024.0;

    /// <summary>
    /// The JSON form: <c>{"cases": [{"method", "n", "d", "fedshield_ms", "pytorch_ms", "ratio", ...}]}</c>.
    /// Each case adds its timed calls, the extra memory (<c>extra_bytes</c>, <c>update_set_bytes</c>,
    /// <c>extra_memory_ratio</c>), the agreement (<c>max_abs_diff</c>; for the median with even n
    /// <c>pytorch_midpoint_ms</c> and <c>max_abs_diff_vs_torch_median</c>; for Multi-Krum
    /// <c>selection_agrees</c>), the threads and the reference note. PyTorch's fields are null when it
    /// did not run.
    /// </summary>
    public string ToJson()
    {
        return BenchmarkJson.Cases(Cases, (w, c) =>
        {
            w.WriteString("method", c.Method);
            w.WriteNumber("n", c.N);
            w.WriteNumber("d", c.D);
            w.WriteNumber("fedshield_ms", Math.Round(c.FedShieldMs, 3));
            WriteNullable(w, "pytorch_ms", c.PyTorchMs is { } p ? Math.Round(p, 3) : null);
            WriteNullable(w, "ratio", c.Ratio is { } r ? Math.Round(r, 4) : null);
            WriteTimes(w, "fedshield_times_ms", c.FedShieldTimesMs);
            if (c.PyTorchTimesMs is { } t)
            {
                WriteTimes(w, "pytorch_times_ms", t);
            }
            else
            {
                w.WriteNull("pytorch_times_ms");
            }

            w.WriteNumber("extra_bytes", c.ExtraBytes);
            w.WriteNumber("update_set_bytes", c.UpdateSetBytes);
            w.WriteNumber("extra_memory_ratio", Math.Round(c.ExtraMemoryRatio, 5));
            WriteNullable(w, "max_abs_diff", c.MaxAbsDiff);
            if (c.Method == "median")
            {
                WriteNullable(w, "pytorch_midpoint_ms", c.PyTorchMidpointMs is { } m ? Math.Round(m, 3) : null);
                WriteNullable(w, "max_abs_diff_vs_torch_median", c.MaxAbsDiffLowerMedian);
            }

            if (c.Method == "multi-krum")
            {
                if (c.SelectionAgrees is { } a)
                {
                    w.WriteBoolean("selection_agrees", a);
                }
                else
                {
                    w.WriteNull("selection_agrees");
                }
            }

            w.WriteNumber("threads", Options.Threads);
            WriteNullable(w, "pytorch_threads", PyTorchThreads);
            w.WriteNumber("repeat", Options.Repeat);
            w.WriteString("reference", Reference);
            w.WriteString("cpu", Cpu);
        });
    }

    /// <summary>A human-readable table.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"CPU: {Cpu}");
        sb.AppendLine(ci, $"Rules: median; trimmed-mean (beta {Options.TrimmedBeta}); multi-krum (f = {Options.AttackerFraction * 100:0.#}% of n, m = n - f, weighted by sample count)");
        sb.AppendLine(ci, $"Threads: {Options.Threads} (FedShield), {(PyTorchThreads is { } t ? t.ToString(ci) : "-")} (PyTorch); median of {Options.Repeat} timed call(s) after 1 warm-up");
        sb.AppendLine(ci, $"PyTorch reference: {Reference}");
        sb.AppendLine();
        sb.AppendLine(ci, $"{"method",-13} {"n",5} {"d",11} {"FedShield ms",13} {"PyTorch ms",11} {"ratio",8} {"extra MiB",10} {"set MiB",9} {"extra/set",10} {"max |diff|",11}");
        foreach (var c in Cases)
        {
            string torch = c.PyTorchMs is { } p ? p.ToString("F1", ci) : "-";
            string ratio = c.Ratio is { } r ? r.ToString("F3", ci) + "x" : "-";
            string diff = c.MaxAbsDiff is { } m ? m.ToString("G3", ci) : "-";
            sb.AppendLine(ci, $"{c.Method,-13} {c.N,5} {c.D,11:N0} {c.FedShieldMs,13:F1} {torch,11} {ratio,8} {c.ExtraBytes / Mib,10:F2} {c.UpdateSetBytes / Mib,9:F2} {c.ExtraMemoryRatio,10:P1} {diff,11}");
        }

        var notes = Cases.Where(c => c.PyTorchMidpointMs is not null).ToList();
        if (notes.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("torch.median returns the lower of the two middle values for even n; FedShield returns their mean.");
            sb.AppendLine("The ratio uses torch.median; max |diff| compares with PyTorch's midpoint (two kthvalue calls averaged):");
            foreach (var c in notes)
            {
                sb.AppendLine(ci, $"  n = {c.N}, d = {c.D:N0}: midpoint {c.PyTorchMidpointMs:F1} ms; max |FedShield - torch.median| = {c.MaxAbsDiffLowerMedian:G3}");
            }
        }

        foreach (var c in Cases.Where(c => c.SelectionAgrees == false))
        {
            sb.AppendLine(ci, $"multi-krum n = {c.N}, d = {c.D:N0}: the two sides averaged different updates");
        }

        return sb.ToString();
    }

    private static void WriteTimes(Utf8JsonWriter w, string name, IReadOnlyList<double> times)
    {
        w.WriteStartArray(name);
        foreach (var t in times)
        {
            w.WriteNumberValue(Math.Round(t, 3));
        }

        w.WriteEndArray();
    }

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
