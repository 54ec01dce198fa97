using System.Globalization;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Transport.Http.Client;
using FedShield.Transport.Http.Server;

namespace FedShield.Benchmarks;

/// <summary>
/// The network load test: hundreds of concurrent clients with a tiny model against one server on
/// loopback, reporting rounds per second and memory.
/// </summary>
/// <remarks>
/// Per number of clients N: one <see cref="HttpFederationServer"/> on <c>http://127.0.0.1:0</c> (Kestrel,
/// cleartext HTTP/2, the gRPC wire format) in this process; the process's memory is read with no client
/// joined; then N <see cref="RemoteClient"/> links in the same process, each with its own
/// <see cref="HttpClient"/> (so its own HTTP/2 connection, as separate devices would have) and its own
/// client that answers a fixed delta instantly; once all N are available, the real
/// <see cref="Orchestrator"/> runs FedAvg with every client selected: one untimed warm-up round, then
/// <see cref="NetworkBenchmarkOptions.Rounds"/> timed rounds back to back. Every round must have N
/// participants and no failure; otherwise the case lists the problem (the run goes on).
/// Server and clients share the process and its cores, so the memory and CPU figures are the whole
/// process's; the growth over the server alone bounds the server's share from above.
/// </remarks>
public static class NetworkBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="progress"/> receives a few lines per client count.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="time">Clock of the timings, the server and the clients' back-off; the system clock when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="InvalidOperationException">The clients did not all join within the join timeout; the message says how many did.</exception>
    public static async Task<NetworkBenchmarkReport> RunAsync(NetworkBenchmarkOptions options, IProgress<string>? progress = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (options.MinThreads > 0)
        {
            ThreadPool.SetMinThreads(Math.Max(workers, options.MinThreads), Math.Max(io, options.MinThreads));
        }

        try
        {
            ThreadPool.GetMinThreads(out var minWorkers, out _);
            var cases = new List<NetworkBenchmarkCase>();
            foreach (var n in options.Clients)
            {
                var measured = await MeasureAsync(options, n, time, progress, cancellationToken).ConfigureAwait(false);
                cases.Add(measured);
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{n} clients: {measured.RoundsPerSecond:F2} rounds/s, median round {measured.MedianRoundSeconds * 1e3:F1} ms, {measured.BytesPerRound / 1024:F0} KiB per round, working set {measured.After.WorkingSetBytes / 1048576.0:F0} MiB ({measured.Alone.WorkingSetBytes / 1048576.0:F0} MiB alone); {(measured.Ok ? "no failures" : string.Join("; ", measured.Problems))}"));
            }

            return new NetworkBenchmarkReport(CpuInfo.Describe(), options, minWorkers, cases);
        }
        finally
        {
            if (options.MinThreads > 0)
            {
                ThreadPool.SetMinThreads(workers, io);
            }
        }
    }

    /// <summary>One server with <paramref name="n"/> clients: join, warm-up, timed rounds, memory.</summary>
    internal static async Task<NetworkBenchmarkCase> MeasureAsync(NetworkBenchmarkOptions options, int n, TimeProvider time, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var loadBefore = SecAggBenchmark.LoadAverage();
        var problems = new List<string>();
        await using var server = await HttpFederationServer.StartAsync(new HttpServerOptions { MaxCallsPerSecond = options.MaxCallsPerSecond }, time: time, cancellationToken: cancellationToken).ConfigureAwait(false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var alone = NetworkMemorySnapshot.Take();

        var linkOptions = new RemoteClientOptions
        {
            PollWait = options.PollWait,
            InitialBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
            GiveUpAfter = TimeSpan.FromSeconds(60),
        };
        var links = new List<RemoteClient>(n);
        var runs = new List<Task<string>>(n);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            progress?.Report(string.Create(c, $"{n} clients: server on {server.Address}, {alone.WorkingSetBytes / 1048576.0:F0} MiB working set alone; starting {n} links (load average {loadBefore:F2})"));
            var joinStart = time.GetTimestamp();
            for (var id = 1; id <= n; id++)
            {
                var local = new NetworkBenchmarkClient(id, options.Dimension, options.Seed);
                var link = new RemoteClient(server.Address, id, null, linkOptions, time: time);
                links.Add(link);
                runs.Add(Task.Run(() => link.RunAsync(local, stop.Token), CancellationToken.None));
            }

            try
            {
                await server.Transport.WaitForClientsAsync(n, options.JoinTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                var faulted = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!.Message).Distinct().Take(3);
                throw new InvalidOperationException($"{n} clients: {ex.Message}; link errors: {string.Join("; ", faulted)}", ex);
            }

            var joinSeconds = time.GetElapsedTime(joinStart).TotalSeconds;
            var strategy = Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1));
            var orchestrator = new Orchestrator(server.Transport, strategy, new float[options.Dimension], new OrchestratorOptions(options.Seed, roundTimeout: options.RoundTimeout), time: time);
            Check(await orchestrator.RunRoundAsync(false, cancellationToken).ConfigureAwait(false), n, "warm-up round", problems);

            var seconds = new List<double>(options.Rounds);
            var participants = new List<int>(options.Rounds);
            var failures = new List<int>(options.Rounds);
            var sent = new List<long>(options.Rounds);
            var received = new List<long>(options.Rounds);
            double cpu;
            long peak;
            var countersBefore = await NetworkServerMetrics.ReadAsync(server.Address, cancellationToken).ConfigureAwait(false);
            using (var sampler = HeapSampler.Start(TimeSpan.FromMilliseconds(10)))
            {
                var cpuBefore = SecAggBenchmark.ProcessCpuSeconds();
                for (var r = 0; r < options.Rounds; r++)
                {
                    var start = time.GetTimestamp();
                    var record = await orchestrator.RunRoundAsync(false, cancellationToken).ConfigureAwait(false);
                    seconds.Add(time.GetElapsedTime(start).TotalSeconds);
                    Check(record, n, string.Create(c, $"timed round {r + 1}"), problems);
                    participants.Add(record.Participants.Count);
                    failures.Add(record.Failures.Count);
                    // Traffic.Sent is the server's downlink to a client, Received its uplink.
                    sent.Add(record.Traffic.Sent);
                    received.Add(record.Traffic.Received);
                }

                cpu = (SecAggBenchmark.ProcessCpuSeconds() - cpuBefore) / options.Rounds;
                peak = sampler.PeakBytes;
            }

            var counters = await NetworkServerMetrics.ReadAsync(server.Address, cancellationToken).ConfigureAwait(false) - countersBefore;
            var after = NetworkMemorySnapshot.Take();
            var loadAfter = SecAggBenchmark.LoadAverage();
            await StopAsync(server, runs, stop, time, problems).ConfigureAwait(false);
            return new NetworkBenchmarkCase(n, options.Dimension, joinSeconds, seconds, participants, failures, sent, received, cpu, alone, after, peak, loadBefore, loadAfter, counters.Calls, counters.Refused, problems);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(Task.WhenAll(runs), Task.Delay(TimeSpan.FromSeconds(10), time, CancellationToken.None)).ConfigureAwait(false);
            foreach (var link in links)
            {
                link.Dispose();
            }
        }
    }

    /// <summary>Adds a problem unless the round was applied with all <paramref name="n"/> clients and no failure.</summary>
    internal static void Check(RoundRecord record, int n, string label, List<string> problems)
    {
        if (record.Outcome != RoundOutcome.Applied)
        {
            problems.Add($"{label}: skipped: {record.Reason}");
        }

        if (record.Selected.Count != n || record.Participants.Count != n)
        {
            problems.Add($"{label}: {record.Participants.Count} participants of {record.Selected.Count} selected; expected {n}");
        }

        if (record.Failures.Count > 0)
        {
            var reasons = record.Failures.Take(3).Select(f => $"client {f.ClientId}: {f.Kind} {f.Reason}");
            problems.Add($"{label}: {record.Failures.Count} failure(s): {string.Join("; ", reasons)}");
        }
    }

    /// <summary>Tells the clients the federation is over and waits (boundedly) for their links to end.</summary>
    private static async Task StopAsync(HttpFederationServer server, List<Task<string>> runs, CancellationTokenSource stop, TimeProvider time, List<string> problems)
    {
        server.Transport.Stop("benchmark over");
        var all = Task.WhenAll(runs);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10), time, CancellationToken.None)).ConfigureAwait(false) != all)
        {
            problems.Add($"{runs.Count(r => !r.IsCompleted)} link(s) still running 10 s after the stop");
        }

        var errors = runs.Where(r => r.IsFaulted).ToList();
        if (errors.Count > 0)
        {
            problems.Add($"{errors.Count} link(s) ended with an error: {errors[0].Exception!.InnerException!.Message}");
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }
}
