using System.Diagnostics;
using System.Globalization;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.DifferentialPrivacy;
using FedShield.Privacy.Niss;
using FedShield.Privacy.SecureAggregation;
using FedShield.Simulation;

namespace FedShield.Benchmarks;

/// <summary>
/// The per-round cost of FedShield's privacy mechanisms beside plain FedAvg: rounds of the real
/// <see cref="Orchestrator"/> over the in-process transport with clients that train in no time (each
/// answers a fixed random delta with sample count 1), so that what is timed is the mechanism and the
/// round machinery, not training.
/// </summary>
/// <remarks>
/// Mechanisms: <c>plain</c> (FedAvg); <c>local-dp</c> (each client a <see cref="LocalDpClient"/>:
/// clipping to C = 3 and N(0, 0.05²) per coordinate); <c>central-dp</c> (a
/// <see cref="CentralDpAggregator"/>: clipping to C = 3, noise multiplier 1, qN = the clients);
/// <c>niss</c> (<see cref="NissClient"/> and <see cref="NissProtocol"/>: σ² = 0.01, σ_k² = 0.05 so 5
/// shares per client dealt to every other client, τ = 0.5); <c>secagg</c>
/// (<see cref="SecureAggregationClient"/> and <see cref="SecureAggregationProtocol"/> with its
/// defaults). Per mechanism and length: a fresh federation, one untimed warm-up round, then
/// <see cref="PrivacyOverheadOptions.Repeat"/> timed rounds, each after a full collection; the median
/// wall time and the mean bytes per client are reported, with their ratios to plain FedAvg.
/// </remarks>
public static class PrivacyOverheadBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="progress"/> receives one line per mechanism and length.</summary>
    /// <exception cref="InvalidOperationException">A round was skipped (a mechanism failed); the message says which and why.</exception>
    public static async Task<PrivacyOverheadReport> RunAsync(PrivacyOverheadOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var cases = new List<PrivacyOverheadCase>();
        foreach (var d in options.Dimensions)
        {
            var baseDelta = SecAggBenchmarkClient.RandomDelta(d, unchecked((options.Seed * 31) + d));
            var row = new List<PrivacyOverheadCase>();
            foreach (var mechanism in PrivacyOverheadOptions.Mechanisms)
            {
                var measured = await MeasureAsync(mechanism, options, baseDelta, cancellationToken).ConfigureAwait(false);
                row.Add(measured);
                progress?.Report(string.Create(c, $"{mechanism}, {options.Clients} clients, d = {d:N0}: {measured.RoundMs:F1} ms per round (median of {options.Repeat}), {measured.CpuMsPerRound:F1} ms CPU, {measured.ClientSentBytes / 1024:F1} KiB up and {measured.ClientReceivedBytes / 1024:F1} KiB down per client"));
            }

            var plain = row[0];
            cases.AddRange(row.Select(r => r with { TimeRatio = r.RoundMs / plain.RoundMs, CpuRatio = r.CpuMsPerRound / plain.CpuMsPerRound, BytesRatio = r.ClientBytes / plain.ClientBytes }));
        }

        return new PrivacyOverheadReport(CpuInfo.Describe(), options, cases);
    }

    /// <summary>One mechanism at one length: warm-up, then the timed rounds.</summary>
    internal static async Task<PrivacyOverheadCase> MeasureAsync(string mechanism, PrivacyOverheadOptions options, float[] baseDelta, CancellationToken cancellationToken)
    {
        var owned = new List<IDisposable>();
        var load = SecAggBenchmark.LoadAverage();
        try
        {
            var (clients, strategy) = Build(mechanism, options, baseDelta, owned);
            using var transport = new SimulationTransport(clients, new SimulationOptions(options.Workers));
            var orchestrator = new Orchestrator(transport, strategy, new float[baseDelta.Length], new OrchestratorOptions(options.Seed, minReplies: options.Clients));
            await RoundAsync(orchestrator, mechanism, cancellationToken).ConfigureAwait(false);
            var times = new List<double>(options.Repeat);
            double sent = 0, received = 0, cpu = 0;
            for (var r = 0; r < options.Repeat; r++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var cpuBefore = SecAggBenchmark.ProcessCpuSeconds();
                var clock = Stopwatch.StartNew();
                var record = await RoundAsync(orchestrator, mechanism, cancellationToken).ConfigureAwait(false);
                times.Add(clock.Elapsed.TotalMilliseconds);
                cpu += SecAggBenchmark.ProcessCpuSeconds() - cpuBefore;
                foreach (var t in record.ClientTraffic)
                {
                    // Traffic.Sent is the server's downlink to the client, Received its uplink.
                    sent += t.Traffic.Received;
                    received += t.Traffic.Sent;
                }
            }

            var perClient = (double)options.Repeat * options.Clients;
            return new PrivacyOverheadCase(mechanism, baseDelta.Length, options.Clients, times, sent / perClient, received / perClient, 1e3 * cpu / options.Repeat, LoadAverage: load);
        }
        finally
        {
            foreach (var o in owned)
            {
                o.Dispose();
            }
        }
    }

    /// <summary>The clients and strategy of <paramref name="mechanism"/>; what must be disposed goes to <paramref name="owned"/>.</summary>
    internal static (IFederatedClient[] Clients, Strategy Strategy) Build(string mechanism, PrivacyOverheadOptions options, float[] baseDelta, List<IDisposable> owned)
    {
        var plain = Enumerable.Range(0, options.Clients).Select(i => (IFederatedClient)new SecAggBenchmarkClient(i, baseDelta)).ToArray();
        var strategy = Strategies.FedAvg(UniformSampler.WithCount(options.Clients));
        T Own<T>(T item)
            where T : IDisposable
        {
            owned.Add(item);
            return item;
        }

        switch (mechanism)
        {
            case "plain":
                return (plain, strategy);
            case "local-dp":
                var local = new LocalDpOptions(options.ClipNorm, options.LocalNoiseStd);
                return ([.. plain.Select(c => (IFederatedClient)Own(new LocalDpClient(c, local)))], strategy);
            case "central-dp":
                var central = new CentralDpOptions(options.ClipNorm, options.CentralNoiseMultiplier, options.Clients);
                return (plain, strategy with { Aggregator = Own(new CentralDpAggregator(central)) });
            case "niss":
                var niss = new NissOptions(unitVariance: options.NissUnitVariance, clipNorm: options.ClipNorm, tau: options.NissTau, noiseStd: Math.Sqrt(options.NissNoiseVariance));
                return ([.. plain.Select(c => (IFederatedClient)Own(new NissClient(c, niss)))], strategy with { Protocol = new NissProtocol(niss) });
            case "secagg":
                return ([.. plain.Select(c => (IFederatedClient)Own(new SecureAggregationClient(c)))], strategy with { Protocol = new SecureAggregationProtocol() });
            default:
                throw new ArgumentException($"unknown mechanism '{mechanism}'; expected one of {string.Join(", ", PrivacyOverheadOptions.Mechanisms)}", nameof(mechanism));
        }
    }

    private static async Task<RoundRecord> RoundAsync(Orchestrator orchestrator, string mechanism, CancellationToken cancellationToken)
    {
        var record = await orchestrator.RunRoundAsync(evaluate: false, cancellationToken).ConfigureAwait(false);
        return record.Outcome == RoundOutcome.Applied
            ? record
            : throw new InvalidOperationException($"{mechanism}: round {record.Round} was skipped: {record.Reason}");
    }
}
