using System.Diagnostics;
using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;
using FedShield.Robust;

namespace FedShield.Benchmarks;

/// <summary>
/// Times FedShield's robust aggregators (<see cref="MedianAggregator"/>,
/// <see cref="TrimmedMeanAggregator"/> with β = 0.1, <see cref="MultiKrumAggregator"/> with f = 20% of
/// n) on large update sets, measures the memory each call allocates, and runs the same rules written
/// in plain PyTorch (tools/pytorch/bench_aggregate.py) on the same numbers in the same run, checking
/// that both sides agree.
/// </summary>
/// <remarks>
/// Data: n updates of d values; update i (client id i) is N(0, 0.01²) per value, and the last
/// f = ⌊0.2·n⌋ updates are shifted by +0.02 in every coordinate (a crude attack, so that Multi-Krum's
/// choice is clear-cut); sample counts 50 + (37·i mod 451). Generated from <see cref="AggregateBenchmarkOptions.Seed"/>,
/// written once to a temporary file of raw float32 for the PyTorch side.
/// Procedure per rule and size: one untimed warm-up call; one call between two readings of
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> (precise, all threads) for the extra memory; then
/// <see cref="AggregateBenchmarkOptions.Repeat"/> timed calls, each after a full collection; the
/// median time is reported. Both sides use one thread per logical core.
/// </remarks>
public static class AggregateBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="progress"/> receives one line per phase.</summary>
    /// <exception cref="InvalidOperationException">The PyTorch side was asked for but cannot run or failed; the message says why and how to skip it.</exception>
    public static AggregateBenchmarkReport Run(AggregateBenchmarkOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        (string Python, string Script)? reference = options.RunReference ? AggregateBenchmarkReference.Locate() : null;
        var cases = new List<AggregateBenchmarkCase>();
        string note = "not run (--no-reference)";
        int? torchThreads = null;
        for (int s = 0; s < options.Sizes.Count; s++)
        {
            var (n, d) = options.Sizes[s];
            int f = AssumedAttackers.Fraction(options.AttackerFraction).Resolve(n);
            progress?.Report(string.Create(c, $"generating {n} updates × {d:N0} values ({4.0 * n * d / (1 << 20):F1} MiB), {f} shifted"));
            var updates = Generate(n, d, f, options.Seed + s);
            var ours = new Dictionary<string, (List<double> Times, long Extra, AggregationResult Result)>();
            foreach (var method in AggregateBenchmarkOptions.Methods)
            {
                var measured = Measure(Create(method, options), updates, options.Repeat);
                ours[method] = measured;
                progress?.Report(string.Create(c, $"FedShield {method}, n = {n}, d = {d:N0}: {AggregateBenchmarkCase.Median(measured.Times):F1} ms (median of {options.Repeat}), {measured.Extra / (double)(1 << 20):F2} MiB allocated"));
            }

            AggregateBenchmarkReferenceRun? torch = null;
            if (reference is { } r)
            {
                progress?.Report(string.Create(c, $"PyTorch: running {Path.GetFileName(r.Script)} on the same updates ({options.Threads} thread(s))"));
                torch = AggregateBenchmarkReference.Run(r.Python, r.Script, updates, f, options.TrimmedBeta, options.Repeat, options.Threads);
                note = $"PyTorch {torch.Version}, {torch.Threads} intra-op thread(s)";
                torchThreads = torch.Threads;
                foreach (var (method, times) in torch.TimesMs)
                {
                    progress?.Report(string.Create(c, $"PyTorch {method}, n = {n}, d = {d:N0}: {AggregateBenchmarkCase.Median(times):F1} ms"));
                }
            }

            foreach (var method in AggregateBenchmarkOptions.Methods)
            {
                cases.Add(Compare(method, n, d, ours[method], torch, updates));
            }

            updates = null;
            GC.Collect();
        }

        return new AggregateBenchmarkReport(CpuInfo.Describe(), options, cases, note, torchThreads);
    }

    /// <summary>The aggregator a method name stands for, configured as the benchmark runs it.</summary>
    internal static IAggregator Create(string method, AggregateBenchmarkOptions options) => method switch
    {
        "median" => new MedianAggregator(),
        "trimmed-mean" => new TrimmedMeanAggregator(options.TrimmedBeta),
        "multi-krum" => new MultiKrumAggregator(AssumedAttackers.Fraction(options.AttackerFraction)),
        _ => throw new ArgumentException($"unknown method '{method}'", nameof(method)),
    };

    /// <summary>The benchmark's update set (see the type's remarks); deterministic in <paramref name="seed"/>.</summary>
    internal static ClientUpdate[] Generate(int n, int d, int shifted, int seed)
    {
        var updates = new ClientUpdate[n];
        Parallel.For(0, n, i =>
        {
            var random = new Random(unchecked(seed * 1_000_003 + i));
            var values = new float[d];
            float offset = i >= n - shifted ? 0.02f : 0f;
            for (int k = 0; k < d; k += 2)
            {
                // Box–Muller: two independent N(0, 1) draws per pair of uniforms.
                double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                double radius = 0.01 * Math.Sqrt(-2.0 * Math.Log(u1));
                values[k] = (float)(radius * Math.Cos(2 * Math.PI * u2)) + offset;
                if (k + 1 < d)
                {
                    values[k + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2)) + offset;
                }
            }

            updates[i] = new ClientUpdate(i, 1, values, UpdateKind.Delta, 50 + (37L * i % 451), MetricSet.Empty);
        });
        return updates;
    }

    private static (List<double> Times, long Extra, AggregationResult Result) Measure(IAggregator aggregator, ClientUpdate[] updates, int repeat)
    {
        aggregator.Aggregate(updates);
        Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var result = aggregator.Aggregate(updates);
        long extra = GC.GetTotalAllocatedBytes(precise: true) - before;
        var times = new List<double>(repeat);
        for (int r = 0; r < repeat; r++)
        {
            Collect();
            var clock = Stopwatch.StartNew();
            aggregator.Aggregate(updates);
            clock.Stop();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (times, extra, result);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static AggregateBenchmarkCase Compare(string method, int n, int d, (List<double> Times, long Extra, AggregationResult Result) ours, AggregateBenchmarkReferenceRun? torch, ClientUpdate[] updates)
    {
        var result = new AggregateBenchmarkCase(method, n, d, ours.Times, ours.Extra);
        if (torch is null)
        {
            return result;
        }

        var delta = ours.Result.Delta;
        if (method == "median" && n % 2 == 0)
        {
            return result with
            {
                PyTorchTimesMs = torch.TimesMs["median"],
                PyTorchMidpointMs = AggregateBenchmarkCase.Median(torch.TimesMs["median_midpoint"]),
                MaxAbsDiff = MaxAbsDiff(delta, torch.Outputs["median_midpoint"]),
                MaxAbsDiffLowerMedian = MaxAbsDiff(delta, torch.Outputs["median"]),
            };
        }

        bool? agrees = null;
        if (method == "multi-krum")
        {
            var excluded = ours.Result.ExcludedClients.ToHashSet();
            var selected = updates.Select(u => u.ClientId).Where(id => !excluded.Contains(id)).Order();
            agrees = selected.SequenceEqual(torch.MultiKrumSelected);
        }

        return result with
        {
            PyTorchTimesMs = torch.TimesMs[method],
            MaxAbsDiff = MaxAbsDiff(delta, torch.Outputs[method]),
            SelectionAgrees = agrees,
        };
    }

    private static double MaxAbsDiff(float[] a, float[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }
}
