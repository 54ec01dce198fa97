using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of an engine benchmark run.</summary>
/// <param name="Cpu">The processor model, as the OS reports it.</param>
/// <param name="Workloads">Per-workload figures.</param>
/// <param name="ReferenceNote">Why the PyTorch reference did not run, or its version when it did.</param>
public sealed record EngineBenchmarkReport(string Cpu, IReadOnlyList<WorkloadResult> Workloads, string ReferenceNote)
{
    /// <summary>
    /// The JSON form: <c>{"cpu": ..., "workloads": [{"name", "fedshield_samples_per_s",
    /// "pytorch_samples_per_s", "ratio", "allocated_bytes_per_step", ...}]}</c>; PyTorch fields are
    /// null when the reference did not run.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("cpu", Cpu);
            w.WriteString("reference", ReferenceNote);
            w.WriteStartArray("workloads");
            foreach (var r in Workloads)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteNumber("fedshield_samples_per_s", Math.Round(r.FedShieldSamplesPerSecond, 1));
                WriteNullable(w, "pytorch_samples_per_s", r.PyTorchSamplesPerSecond is { } p ? Math.Round(p, 1) : null);
                WriteNullable(w, "ratio", r.Ratio is { } q ? Math.Round(q, 3) : null);
                w.WriteNumber("allocated_bytes_per_step", r.AllocatedBytesPerStep);
                w.WriteNumber("steps", r.Steps);
                w.WriteNumber("seconds", Math.Round(r.Seconds, 4));
                w.WriteNumber("final_loss", Math.Round(r.FinalLoss, 5));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A human-readable table.</summary>
    public string ToTable()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"CPU: {Cpu}");
        sb.AppendLine(c, $"PyTorch reference: {ReferenceNote}");
        sb.AppendLine(c, $"{"workload",-10} {"FedShield/s",12} {"PyTorch/s",12} {"ratio",7} {"alloc B/step",13} {"final loss",11}");
        foreach (var r in Workloads)
        {
            string torch = r.PyTorchSamplesPerSecond is { } p ? p.ToString("F0", c) : "-";
            string ratio = r.Ratio is { } q ? q.ToString("F2", c) + "x" : "-";
            sb.AppendLine(c, $"{r.Name,-10} {r.FedShieldSamplesPerSecond,12:F0} {torch,12} {ratio,7} {r.AllocatedBytesPerStep,13} {r.FinalLoss,11:F4}");
        }

        return sb.ToString();
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
