using System.Globalization;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>Runs the PyTorch side of the round benchmark (tools/pytorch/bench_round.py) when PyTorch is installed.</summary>
internal static class RoundReference
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(60);

    /// <summary>Runs the same round in PyTorch with <paramref name="threads"/> intra-op threads.</summary>
    public static RoundReferenceResult Measure(RoundBenchmarkOptions options, int threads, IProgress<string>? progress)
    {
        if (options.Workload != "mnist-cnn")
        {
            return RoundReferenceResult.NotRun($"not run: the PyTorch round reference (bench_round.py) covers mnist-cnn only, not {options.Workload}");
        }

        var script = Path.Combine(AppContext.BaseDirectory, "reference", "bench_round.py");
        if (!File.Exists(script))
        {
            return RoundReferenceResult.NotRun($"not run: {script} is missing");
        }

        var python = PyTorchReference.FindPython();
        if (python is null)
        {
            return RoundReferenceResult.NotRun("not run: PyTorch is not installed (apt-get install python3-torch)");
        }

        int? defaultThreads = DefaultThreads(python);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"PyTorch: running {Path.GetFileName(script)} ({threads} intra-op thread(s); PyTorch's default here: {defaultThreads?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})"));
        string[] args =
        [
            script,
            "--clients", Text(options.Clients),
            "--samples", Text(options.Samples),
            "--epochs", Text(options.Epochs),
            "--batch-size", Text(options.BatchSize),
            "--lr", options.Optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            "--rounds", Text(options.Rounds),
            "--seed", Text(options.Seed),
            "--threads", Text(threads),
        ];
        int code = PyTorchReference.Run(python, args, Timeout, out var stdout, out var stderr, singleThreaded: false);
        if (code != 0)
        {
            return RoundReferenceResult.NotRun($"failed (exit {code}): {stderr.Trim()}", defaultThreads);
        }

        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            double seconds = root.GetProperty("round_s").GetDouble();
            int ran = root.TryGetProperty("threads", out var t) ? t.GetInt32() : threads;
            string version = root.TryGetProperty("torch", out var v) ? v.GetString() ?? "?" : "?";
            double? loss = root.TryGetProperty("final_loss", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null;
            string defaults = defaultThreads is { } d ? $"; its default is {d}" : "";
            return new RoundReferenceResult(seconds, ran, defaultThreads, version, loss, $"PyTorch {version}, {ran} intra-op thread(s){defaults}");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return RoundReferenceResult.NotRun($"failed: unreadable output ({ex.Message}): {line}", defaultThreads);
        }
    }

    // What torch.get_num_threads() gives a script that does not set it, in this environment.
    private static int? DefaultThreads(string python)
    {
        int code = PyTorchReference.Run(python, ["-c", "import torch; print(torch.get_num_threads())"], TimeSpan.FromSeconds(60), out var stdout, out _, singleThreaded: false);
        return code == 0 && int.TryParse(stdout.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : null;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
