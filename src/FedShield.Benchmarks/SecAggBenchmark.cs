using System.Diagnostics;
using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.SecureAggregation;
using FedShield.Simulation;

namespace FedShield.Benchmarks;

/// <summary>
/// Measures secure aggregation (SecAgg, Bonawitz et al. CCS 2017; SecAgg+, Bell et al. CCS 2020) the
/// way its papers do: for each (variant, n, d, dropout) one real round of
/// <see cref="SecureAggregationProtocol"/> over the in-process transport, with n
/// <see cref="SecureAggregationClient"/>s around clients that train in no time, reporting client and
/// server compute and the bytes each side moved, and checking that the unmasked mean is right.
/// </summary>
/// <remarks>
/// <para>
/// Each client answers a fixed random delta (uniform in [−0.5, 0.5), rotated per client) with sample
/// count 1. With dropout, ⌊dropout·n⌋ clients chosen by the seed are wrapped in a
/// <see cref="DropoutClient"/> that drops at the masked-input stage, after sharing its keys: the
/// server must then rebuild each one's mask key and remove its pairwise masks with every surviving
/// neighbour, the expensive case of the papers.
/// </para>
/// <para>
/// The check: the round must complete with exactly the survivors in the sum, and the aggregate must
/// match the plaintext mean of the survivors' deltas within the protocol's error bound
/// (<c>secagg.error_bound</c>) plus the float rounding of the result. Anything else throws.
/// </para>
/// <para>
/// Before the sweep the machine is calibrated once (<see cref="SecAggCalibration"/>); a case whose
/// <see cref="SecAggEstimate"/> exceeds <see cref="SecAggBenchmarkOptions.MaxSeconds"/> is reported
/// as skipped with the estimate and the reason.
/// </para>
/// </remarks>
public static class SecAggBenchmark
{
    /// <summary>Runs the sweep; <paramref name="progress"/> receives one line per phase and case.</summary>
    /// <param name="options">What to sweep.</param>
    /// <param name="progress">Progress lines; null for none.</param>
    /// <param name="calibration">The machine's speed; null to measure it.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <exception cref="InvalidOperationException">A round aborted or its aggregate failed the check; the message names the case.</exception>
    public static async Task<SecAggBenchmarkReport> RunAsync(SecAggBenchmarkOptions options, IProgress<string>? progress = null, SecAggCalibration? calibration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        if (calibration is null)
        {
            progress?.Report(string.Create(c, $"calibrating this machine (mask stream and key work on {options.Workers} thread(s) at once; load average {LoadAverage():F2})"));
            calibration = SecAggCalibration.Measure(options.Workers);
        }

        progress?.Report(string.Create(c, $"calibration: mask stream {calibration.PrgBytesPerSecond / 1e9:F2} GB/s per thread; key work {calibration.PairSeconds * 1e3:F3} ms per client pair (2 x ECDH+HKDF {calibration.DeriveSeconds * 1e3:F3} ms, AES-GCM seal+open {calibration.SealOpenSeconds * 1e3:F3} ms)"));
        var cases = new List<SecAggBenchmarkCase>();
        foreach (var variant in options.Variants)
        {
            foreach (var n in options.Clients)
            {
                foreach (var d in options.Dimensions)
                {
                    foreach (var dropout in options.Dropouts)
                    {
                        cases.Add(await RunCaseAsync(options, calibration, variant, n, d, dropout, progress, cancellationToken).ConfigureAwait(false));
                    }
                }
            }
        }

        return new SecAggBenchmarkReport(CpuInfo.Describe(), options, calibration, cases);
    }

    private static async Task<SecAggBenchmarkCase> RunCaseAsync(SecAggBenchmarkOptions options, SecAggCalibration calibration, SecureAggregationVariant variant, int n, int d, double dropout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var dropped = (int)Math.Floor(dropout * n);
        var estimate = SecAggEstimate.Of(variant, n, d, dropped, options.Bits, calibration, options.Workers, options.ServerThreads);
        var name = variant == SecureAggregationVariant.SecAggPlus ? SecureAggregationProtocol.SecAggPlusName : SecureAggregationProtocol.SecAggName;
        var label = string.Create(c, $"{name} n = {n}, d = {d:N0}, dropout {dropout:P0} ({dropped} clients)");
        if (estimate.Seconds > options.MaxSeconds)
        {
            var reason = string.Create(c, $"estimated {estimate.Seconds:G3} s exceeds the budget of {options.MaxSeconds:G3} s per case (clients expand {estimate.ClientPrgBytes / 1e9:F1} GB of masks and run {estimate.ClientPairs:N0} pairs of key work; the server expands {estimate.ServerPrgBytes / 1e9:F1} GB)");
            progress?.Report($"{label}: skipped, {reason}");
            return new SecAggBenchmarkCase(variant, n, d, dropout, dropped, estimate, reason, null, LoadAverage());
        }

        var load = LoadAverage();
        progress?.Report(string.Create(c, $"{label}: running (estimated {estimate.Seconds:F1} s; load average {load:F2})"));
        var measured = await MeasureAsync(options, variant, n, d, dropped, label, cancellationToken).ConfigureAwait(false);
        progress?.Report(string.Create(c, $"{label}: {measured.WallSeconds:F2} s; client {measured.ClientSecondsMean:F3} s mean, {measured.ClientSecondsMax:F3} s max; server {measured.ServerSeconds:F3} s; process CPU {measured.CpuSeconds:F2} s; {measured.Survivors} survivors; max error {measured.MaxAbsError:G3} (bound {measured.ErrorBound:G3})"));
        return new SecAggBenchmarkCase(variant, n, d, dropout, dropped, estimate, null, measured, load);
    }

    /// <summary>One real round, checked.</summary>
    internal static async Task<SecAggMeasurement> MeasureAsync(SecAggBenchmarkOptions options, SecureAggregationVariant variant, int n, int d, int dropped, string label, CancellationToken cancellationToken)
    {
        var baseDelta = SecAggBenchmarkClient.RandomDelta(d, unchecked((options.Seed * 31) + d));
        var droppers = DroppedClients(n, dropped, options.Seed);
        var clients = new SecureAggregationClient[n];
        var participants = new IProtocolParticipant[n];
        for (var i = 0; i < n; i++)
        {
            clients[i] = new SecureAggregationClient(new SecAggBenchmarkClient(i, baseDelta));
            participants[i] = droppers.Contains(i) ? DropoutClient.AtStage(clients[i], SecureAggregationStage.MaskedInputCollection) : clients[i];
        }

        ProtocolOutcome outcome;
        double wall, cpu;
        try
        {
            using var transport = new SimulationTransport(participants, new SimulationOptions(options.Workers));
            var weights = new float[d];
            var selected = Enumerable.Range(0, n).ToArray();
            var instructions = selected.Select(id => new FitInstruction(1, id, weights, id, FitSettings.Default)).ToArray();
            var round = new ProtocolRound(1, selected, instructions, transport, TimeSpan.FromHours(1), 1, new WeightedMeanAggregator(), null, TimeProvider.System);
            var protocol = new SecureAggregationProtocol(options.ProtocolOptions(variant));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var cpuBefore = ProcessCpuSeconds();
            var clock = Stopwatch.StartNew();
            outcome = await protocol.RunAsync(round, cancellationToken).ConfigureAwait(false);
            wall = clock.Elapsed.TotalSeconds;
            cpu = ProcessCpuSeconds() - cpuBefore;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        var survivors = Enumerable.Range(0, n).Where(i => !droppers.Contains(i)).ToArray();
        var maxError = Check(outcome, survivors, baseDelta, options.ExpectedMeanShift, label, out var bound);
        var m = outcome.Metrics;
        Traffic survivorTraffic = default, all = default;
        foreach (var (id, t) in outcome.Traffic)
        {
            all += t;
            if (!droppers.Contains(id))
            {
                survivorTraffic += t;
            }
        }

        return new SecAggMeasurement(
            wall,
            m.GetOrNaN("secagg.client_seconds_mean"),
            m.GetOrNaN("secagg.client_seconds_max"),
            m.GetOrNaN("secagg.server_seconds"),
            m.GetOrNaN("secagg.unmask_seconds"),
            survivorTraffic.Received / (double)survivors.Length,
            survivorTraffic.Sent / (double)survivors.Length,
            all.Sent,
            all.Received,
            (int)m.GetOrNaN("secagg.survivors"),
            (int)m.GetOrNaN("secagg.threshold"),
            (int)m.GetOrNaN("secagg.neighbours"),
            options.Bits,
            bound,
            maxError,
            cpu);
    }

    /// <summary>CPU time this process has used so far, all threads, seconds.</summary>
    internal static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The 1-minute load average from /proc/loadavg (how busy the machine was), or NaN where there is none.</summary>
    internal static double LoadAverage()
    {
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : "";
            var first = text.Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>⌊dropout·n⌋ distinct clients out of 0..n−1, chosen by <paramref name="seed"/>.</summary>
    internal static HashSet<int> DroppedClients(int n, int dropped, int seed)
    {
        var ids = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(ids);
        return [.. ids[..dropped]];
    }

    /// <summary>
    /// Throws unless the round completed with exactly <paramref name="survivors"/> and its aggregate is
    /// within the error bound of their plaintext mean (shifted by <paramref name="shift"/>, for tests).
    /// Returns the largest error.
    /// </summary>
    internal static double Check(ProtocolOutcome outcome, int[] survivors, float[] baseDelta, double shift, string label, out double bound)
    {
        if (outcome.Aggregation is not { } aggregation)
        {
            throw new InvalidOperationException($"{label}: the round did not complete: {outcome.SkipReason}; failures: {string.Join("; ", outcome.Failures.Take(5).Select(f => f.Reason))}");
        }

        if (!outcome.Participants.SequenceEqual(survivors))
        {
            throw new InvalidOperationException($"{label}: the sum holds clients [{string.Join(", ", outcome.Participants)}] but the survivors are [{string.Join(", ", survivors)}]");
        }

        var d = baseDelta.Length;
        var expected = new double[d];
        var delta = new float[d];
        foreach (var id in survivors)
        {
            SecAggBenchmarkClient.DeltaOf(id, baseDelta, delta);
            for (var j = 0; j < d; j++)
            {
                expected[j] += delta[j];
            }
        }

        bound = outcome.Metrics.GetOrNaN("secagg.error_bound");
        if (!(bound >= 0) || double.IsInfinity(bound))
        {
            throw new InvalidOperationException($"{label}: the protocol reported no usable error bound ({bound})");
        }

        var result = aggregation.Delta;
        if (result.Length != d)
        {
            throw new InvalidOperationException($"{label}: the aggregate has {result.Length} values, expected {d}");
        }

        double maxError = 0;
        var worst = -1;
        for (var j = 0; j < d; j++)
        {
            var want = (expected[j] / survivors.Length) + shift;
            var error = Math.Abs(result[j] - want);
            // The mean is rounded to float at the end: half an ulp of the result on top of the bound.
            var allowed = bound + (Math.Max(Math.Abs(want), Math.Abs(result[j])) * Math.ScaleB(1.0, -24));
            if (!(error <= allowed * (1 + 1e-9)))
            {
                worst = worst < 0 ? j : worst;
            }

            maxError = Math.Max(maxError, error);
        }

        if (worst >= 0)
        {
            var want = (expected[worst] / survivors.Length) + shift;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{label}: the unmasked aggregate is wrong: coordinate {worst} is {result[worst]:R}, the plaintext mean of the {survivors.Length} survivors is {want:R} (error {Math.Abs(result[worst] - want):G3}, bound {bound:G3}); largest error {maxError:G3}"));
        }

        return maxError;
    }
}
