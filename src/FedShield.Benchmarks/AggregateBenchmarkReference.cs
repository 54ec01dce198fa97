using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FedShield.Federation.Messages;

namespace FedShield.Benchmarks;

/// <summary>What the PyTorch side measured at one size.</summary>
/// <param name="TimesMs">Timed calls per method (median, median_midpoint, trimmed-mean, multi-krum), milliseconds.</param>
/// <param name="Outputs">Each method's result vector.</param>
/// <param name="MultiKrumSelected">The positions Multi-Krum averaged, ascending.</param>
/// <param name="Version">The torch version.</param>
/// <param name="Threads">PyTorch's intra-op threads.</param>
internal sealed record AggregateBenchmarkReferenceRun(
    IReadOnlyDictionary<string, IReadOnlyList<double>> TimesMs,
    IReadOnlyDictionary<string, float[]> Outputs,
    IReadOnlyList<int> MultiKrumSelected,
    string Version,
    int Threads);

/// <summary>
/// Runs tools/pytorch/bench_aggregate.py on FedShield's update set: the set is written to a temporary
/// file as raw little-endian float32 (n rows of d), the script reads it with <c>torch.from_file</c>,
/// times the rules and writes its results back, and the directory is deleted afterwards.
/// </summary>
internal static class AggregateBenchmarkReference
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>The script and a Python with PyTorch.</summary>
    /// <exception cref="InvalidOperationException">The script is missing or no Python has PyTorch; the message says how to fix it.</exception>
    public static (string Python, string Script) Locate()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "reference", "bench_aggregate.py");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"the PyTorch side cannot run: {script} is missing; rebuild FedShield.Benchmarks, or pass --no-reference to time FedShield alone");
        }

        var python = PyTorchReference.FindPython()
            ?? throw new InvalidOperationException("the PyTorch side cannot run: PyTorch is not installed (apt-get install python3-torch; or point FEDSHIELD_PYTHON at a Python that has it), or pass --no-reference to time FedShield alone");
        return (python, script);
    }

    /// <summary>Runs the script on <paramref name="updates"/> (client ids 0..n-1 in order).</summary>
    /// <exception cref="InvalidOperationException">The script failed or printed something unreadable; the message carries its error output.</exception>
    public static AggregateBenchmarkReferenceRun Run(string python, string script, IReadOnlyList<ClientUpdate> updates, int f, double beta, int repeat, int threads)
    {
        int n = updates.Count, d = updates[0].Values.Length;
        var dir = Directory.CreateTempSubdirectory("fedshield-bench-aggregate-");
        try
        {
            var data = Path.Combine(dir.FullName, "updates.f32");
            using (var file = new FileStream(data, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                foreach (var u in updates)
                {
                    file.Write(MemoryMarshal.AsBytes(u.Values.AsSpan()));
                }
            }

            var c = CultureInfo.InvariantCulture;
            string[] args =
            [
                script,
                "--data", data,
                "--n", n.ToString(c),
                "--d", d.ToString(c),
                "--counts", string.Join(',', updates.Select(u => u.SampleCount.ToString(c))),
                "--f", f.ToString(c),
                "--beta", beta.ToString("R", c),
                "--repeat", repeat.ToString(c),
                "--threads", threads.ToString(c),
                "--out", dir.FullName,
            ];
            int code = PyTorchReference.Run(python, args, Timeout, out var stdout, out var stderr, singleThreaded: false);
            if (code != 0)
            {
                throw new InvalidOperationException($"the PyTorch side failed (exit {code}): {stderr.Trim()}");
            }

            var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var times = new Dictionary<string, IReadOnlyList<double>>();
                var outputs = new Dictionary<string, float[]>();
                foreach (var m in root.GetProperty("methods").EnumerateArray())
                {
                    string name = m.GetProperty("method").GetString()!;
                    times[name] = [.. m.GetProperty("times_ms").EnumerateArray().Select(t => t.GetDouble())];
                    outputs[name] = ReadFloats(Path.Combine(dir.FullName, name + ".f32"), d);
                }

                int[] selected = [.. root.GetProperty("multi_krum_selected").EnumerateArray().Select(i => i.GetInt32())];
                return new AggregateBenchmarkReferenceRun(times, outputs, selected, root.GetProperty("torch").GetString() ?? "?", root.GetProperty("threads").GetInt32());
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
            {
                throw new InvalidOperationException($"the PyTorch side's output is unreadable ({ex.Message}): {line}", ex);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static float[] ReadFloats(string path, int count)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != 4L * count)
        {
            throw new IOException($"{path} holds {bytes.Length} bytes, expected {4L * count}");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
