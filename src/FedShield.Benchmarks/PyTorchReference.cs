using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>Runs the PyTorch side of the benchmark (tools/pytorch/bench_reference.py) when PyTorch is installed.</summary>
internal static class PyTorchReference
{
    /// <summary>The Python that has PyTorch: FEDSHIELD_PYTHON, else Debian's /usr/bin/python3, else python3 on PATH.</summary>
    public static string? FindPython()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("FEDSHIELD_PYTHON") is { Length: > 0 } custom)
        {
            candidates.Add(custom);
        }

        candidates.Add("/usr/bin/python3");
        candidates.Add("python3");
        foreach (var python in candidates)
        {
            if (Run(python, ["-c", "import torch"], TimeSpan.FromSeconds(60), out _, out _) == 0)
            {
                return python;
            }
        }

        return null;
    }

    /// <summary>Samples per second per workload, and the torch version; or an explanation of why there are none.</summary>
    public static (Dictionary<string, double> Rates, string Note) Measure(EngineBenchmarkOptions options)
    {
        var rates = new Dictionary<string, double>();
        var script = Path.Combine(AppContext.BaseDirectory, "reference", "bench_reference.py");
        if (!File.Exists(script))
        {
            return (rates, $"not run: {script} is missing");
        }

        var python = FindPython();
        if (python is null)
        {
            return (rates, "not run: PyTorch is not installed (apt-get install python3-torch)");
        }

        string[] args =
        [
            script,
            "--epochs", options.Epochs.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.WarmupEpochs.ToString(CultureInfo.InvariantCulture),
            "--samples", options.Samples.ToString(CultureInfo.InvariantCulture),
            "--batch-size", options.BatchSize.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
            "--workloads", string.Join(',', options.Workloads),
        ];
        int code = Run(python, args, TimeSpan.FromMinutes(15), out var stdout, out var stderr);
        if (code != 0)
        {
            return (rates, $"failed (exit {code}): {stderr.Trim()}");
        }

        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        try
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var w in doc.RootElement.GetProperty("workloads").EnumerateArray())
            {
                rates[w.GetProperty("name").GetString()!] = w.GetProperty("samples_per_s").GetDouble();
            }

            var version = doc.RootElement.TryGetProperty("torch", out var v) ? v.GetString() : "?";
            return (rates, $"PyTorch {version}, 1 thread");
        }
        catch (JsonException ex)
        {
            return (rates, $"failed: unreadable output ({ex.Message}): {line}");
        }
    }

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/>, capturing both streams; returns the
    /// exit code, or -1 when it could not start or ran past <paramref name="timeout"/> (then killed).
    /// With <paramref name="singleThreaded"/>, OMP_NUM_THREADS and MKL_NUM_THREADS are set to 1.
    /// </summary>
    internal static int Run(string file, IEnumerable<string> args, TimeSpan timeout, out string stdout, out string stderr, bool singleThreaded = true)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (singleThreaded)
        {
            psi.Environment["OMP_NUM_THREADS"] = "1";
            psi.Environment["MKL_NUM_THREADS"] = "1";
        }
        try
        {
            using var p = Process.Start(psi)!;
            var outTask = p.StandardOutput.ReadToEndAsync();
            var errTask = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                stdout = "";
                stderr = $"timed out after {timeout.TotalSeconds:F0} s";
                return -1;
            }

            stdout = outTask.GetAwaiter().GetResult();
            stderr = errTask.GetAwaiter().GetResult();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            stdout = "";
            stderr = ex.Message;
            return -1;
        }
    }
}
