using System.Diagnostics;
using System.Globalization;
using FedShield.Federation.Rounds;
using FedShield.Learning;

namespace FedShield.Benchmarks;

/// <summary>
/// Times whole federated rounds through the code a user runs (FedAvg <see cref="Orchestrator"/>,
/// in-process <see cref="Simulation.SimulationTransport"/> with one worker per core,
/// <see cref="LearningClient"/>s on one shared synthetic data set) and measures memory; when
/// PyTorch is installed, then runs the same round written in plain PyTorch
/// (tools/pytorch/bench_round.py) in the same run so the ratio compares like with like.
/// </summary>
/// <remarks>
/// Procedure: build the data and the federation (outside timing); one untimed warm-up round (JIT,
/// model pool, scratch buffers), during which a helper thread reads the live heap (a blocking full
/// collection) every ⌈clients/20⌉ replies; then <see cref="RoundBenchmarkOptions.Rounds"/> timed rounds, each from the
/// orchestrator's call to its return (sampling, dispatch, local training, validation, aggregation,
/// server step; no evaluation), while a background thread samples the heap size every 5 ms.
/// </remarks>
public static class RoundBenchmark
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Runs the benchmark; <paramref name="progress"/> receives one line per phase.</summary>
    /// <exception cref="InvalidOperationException">A round did not apply (a client failed or the round was skipped): the figures would not be a round's; the message says why.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static async Task<RoundBenchmarkReport> RunAsync(RoundBenchmarkOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        progress?.Report(string.Create(c, $"FedShield: building {options.Clients} clients × {options.Samples} samples ({options.Workload}), {options.Workers} worker(s)"));
        using var probe = new RoundProbe();
        using var federation = RoundFederation.Build(options, probe);
        long beforeRound = GC.GetTotalMemory(forceFullCollection: true);

        progress?.Report("FedShield: warm-up round (untimed; live heap read every ⌈clients/20⌉ replies)");
        probe.CheckpointEvery = Math.Max(1, (options.Clients + 19) / 20);
        Check(await federation.Orchestrator.RunRoundAsync(evaluate: false, cancellationToken).ConfigureAwait(false));
        probe.StopReadings();
        int warmupDepth = probe.MaxReorderDepth;
        int warmupHeld = probe.MaxUpdatesHeld;
        probe.ResetReorderDepth();
        long afterRound = GC.GetTotalMemory(forceFullCollection: true);
        long peakLive = Math.Max(probe.PeakLiveHeapBytes, afterRound);

        var seconds = new List<double>();
        RoundRecord? last = null;
        long peakSampled;
        using (var sampler = HeapSampler.Start(SampleInterval))
        {
            for (int r = 1; r <= options.Rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                last = await federation.Orchestrator.RunRoundAsync(evaluate: false, cancellationToken).ConfigureAwait(false);
                clock.Stop();
                Check(last);
                seconds.Add(clock.Elapsed.TotalSeconds);
                progress?.Report(string.Create(c, $"FedShield: round {r}/{options.Rounds}: {clock.Elapsed.TotalSeconds:F3} s"));
            }

            peakSampled = sampler.PeakBytes;
        }

        long afterTimed = GC.GetTotalMemory(forceFullCollection: true);

        var memory = new RoundMemory(
            federation.Pool.ParameterCount,
            options.Workers,
            federation.Pool.InstanceCount,
            warmupDepth,
            probe.MaxReorderDepth,
            warmupHeld,
            probe.MaxUpdatesHeld,
            4L * federation.Data.Features.Length + 4L * federation.Data.Labels.Length,
            baseline,
            beforeRound,
            peakLive,
            afterRound,
            afterTimed,
            peakSampled,
            PeakWorkingSet());
        double loss = last!.Metrics.GetOrNaN(LearningClient.TrainLossMetric);
        GC.KeepAlive(federation);

        RoundReferenceResult reference;
        if (!options.RunReference)
        {
            reference = RoundReferenceResult.NotRun("not run (--no-reference)");
        }
        else
        {
            reference = RoundReference.Measure(options, options.Workers, progress);
        }

        return new RoundBenchmarkReport(CpuInfo.Describe(), options, seconds, loss, memory, reference);
    }

    private static void Check(RoundRecord record)
    {
        if (record.Outcome != RoundOutcome.Applied || record.Failures.Count > 0)
        {
            var first = record.Failures.Count > 0 ? $"; client {record.Failures[0].ClientId}: {record.Failures[0].Kind}: {record.Failures[0].Reason}" : "";
            throw new InvalidOperationException($"round {record.Round} was not a clean round ({record.Outcome}, {record.Failures.Count} failure(s){first}{(record.Reason is null ? "" : "; " + record.Reason)}); its time would not measure a round");
        }
    }

    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
