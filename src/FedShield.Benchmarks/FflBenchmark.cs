using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Privacy.Ffl;
using FedShield.Simulation;

namespace FedShield.Benchmarks;

/// <summary>
/// The runtime of fragmented federated learning for one training round, in the form of Table V of the
/// FFL paper (seeds/003, section VIII-D): server decryption ("Dec."), server reputation and aggregation
/// ("Aggr."), a participant's overhead ("Mix."), and plain FedAvg's aggregation of the same updates.
/// </summary>
/// <remarks>
/// Each case is a real FFL round: n <see cref="FflClient"/>s around participants that train in no time
/// (each answers a fixed delta near a common direction, seeded) over the in-process transport, and an
/// <see cref="FflProtocol"/> with the reputation defence on (C = 1, α = 0.2, one mask per tensor, the
/// output layer for the cosine similarity) and one RSA-3072 server key shared by every case. All n
/// participants are selected each round (the adaptive selection is bypassed so that n stays the number
/// of updates); one untimed warm-up round, then <see cref="FflBenchmarkOptions.Repeat"/> timed rounds of
/// the same federation (reputations carry over, as in training); medians are reported. The stage
/// times are the protocol's own metrics, wall-clock on the injected clock.
/// </remarks>
public static class FflBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="progress"/> receives one line per case.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="time">Clock of every timing (the round, FedAvg, the protocol's stages, the participants' overhead); the system clock when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="InvalidOperationException">A round was skipped; the message says which and why.</exception>
    public static async Task<FflBenchmarkReport> RunAsync(FflBenchmarkOptions options, IProgress<string>? progress = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var c = CultureInfo.InvariantCulture;
        progress?.Report("creating the FFL server's RSA-3072 key (once, shared by every case)");
        using var key = FflServerKey.Create();
        var cases = new List<FflBenchmarkCase>();
        foreach (var model in options.Models)
        {
            foreach (var n in options.Updates)
            {
                var measured = await MeasureAsync(options, model, n, key, time, cancellationToken).ConfigureAwait(false);
                cases.Add(measured);
                progress?.Report(string.Create(c, $"{model.Name} (d = {model.Parameters:N0}), {n} updates: Dec. {measured.Decrypt:F4} s, Aggr. {measured.Aggregate:F4} s, Mix. {measured.Mix:F4} s, FedAvg {measured.FedAvg:F6} s, round {measured.Round:F3} s (medians of {options.Repeat}); load average {measured.LoadAverage:F2}"));
            }
        }

        return new FflBenchmarkReport(CpuInfo.Describe(), options, cases);
    }

    /// <summary>One model shape with n participants: warm-up, then the timed rounds.</summary>
    internal static async Task<FflBenchmarkCase> MeasureAsync(FflBenchmarkOptions options, FflBenchmarkModel model, int n, FflServerKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        var load = SecAggBenchmark.LoadAverage();
        var d = model.Parameters;
        var deltas = FflBenchmarkClient.Deltas(n, d, unchecked((options.Seed * 31) + (d * 7) + n));
        var ids = Enumerable.Range(1, n).ToArray();
        var clients = ids.Select(id => new FflClient(new FflBenchmarkClient(id, deltas[id - 1]), time)).ToArray();
        var updates = ids.Select(id => new ClientUpdate(id, 1, deltas[id - 1], UpdateKind.Delta, 1, Federation.Metrics.MetricSet.Empty)).ToArray();
        var aggregator = new WeightedMeanAggregator();
        var fflOptions = new FflOptions(1.0, options.Alpha, reputation: true, layerSizes: model.LayerSizes, lastLayer: model.LastLayer, matchingSeed: options.Seed);
        var label = string.Create(CultureInfo.InvariantCulture, $"FFL {model.Name}, {n} updates");
        try
        {
            using var transport = new SimulationTransport(clients, new SimulationOptions(options.Workers), time);
            using var protocol = new FflProtocol(fflOptions, key);
            var weights = new float[d];
            await RoundAsync(protocol, transport, aggregator, ids, weights, 1, time, label, cancellationToken).ConfigureAwait(false);
            FedAvgSeconds(aggregator, updates, options.FedAvgCalls, time);

            var decrypt = new List<double>();
            var aggregate = new List<double>();
            var mix = new List<double>();
            var exchange = new List<double>();
            var round = new List<double>();
            var fedAvg = new List<double>();
            double cpu = 0, participants = 0;
            Traffic traffic = default;
            long counted = 0;
            for (var r = 0; r < options.Repeat; r++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var cpuBefore = SecAggBenchmark.ProcessCpuSeconds();
                var start = time.GetTimestamp();
                var outcome = await RoundAsync(protocol, transport, aggregator, ids, weights, r + 2, time, label, cancellationToken).ConfigureAwait(false);
                round.Add(time.GetElapsedTime(start).TotalSeconds);
                cpu += SecAggBenchmark.ProcessCpuSeconds() - cpuBefore;
                var m = outcome.Metrics;
                decrypt.Add(m.GetOrNaN("ffl.decrypt_seconds"));
                aggregate.Add(m.GetOrNaN("ffl.aggregate_seconds"));
                mix.Add(m.GetOrNaN(FflClient.OverheadMetric));
                exchange.Add(m.GetOrNaN("ffl.exchange_seconds"));
                participants += outcome.Participants.Count;
                foreach (var t in outcome.Traffic.Values)
                {
                    traffic += t;
                    counted++;
                }

                fedAvg.Add(FedAvgSeconds(aggregator, updates, options.FedAvgCalls, time));
            }

            // Traffic.Sent is the server's downlink to a participant, Received its uplink.
            return new FflBenchmarkCase(
                model.Name,
                d,
                model.LastLayerSize,
                model.LayerSizes.Count,
                n,
                decrypt,
                aggregate,
                mix,
                exchange,
                round,
                fedAvg,
                cpu / options.Repeat,
                participants / options.Repeat,
                traffic.Received / (double)counted,
                traffic.Sent / (double)counted,
                FflPaperFigures.Lookup(model.Name, n),
                load);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Seconds per plain weighted-mean aggregation of <paramref name="updates"/>, averaged over <paramref name="calls"/> calls.</summary>
    internal static double FedAvgSeconds(WeightedMeanAggregator aggregator, IReadOnlyList<ClientUpdate> updates, int calls, TimeProvider time)
    {
        var start = time.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            _ = aggregator.Aggregate(updates);
        }

        return time.GetElapsedTime(start).TotalSeconds / calls;
    }

    private static async Task<ProtocolOutcome> RoundAsync(FflProtocol protocol, SimulationTransport transport, WeightedMeanAggregator aggregator, int[] ids, float[] weights, int round, TimeProvider time, string label, CancellationToken cancellationToken)
    {
        var instructions = ids.Select(id => new FitInstruction(round, id, weights, id, FitSettings.Default)).ToArray();
        var context = new ProtocolRound(round, ids, instructions, transport, TimeSpan.FromMinutes(10), 2, aggregator, null, time);
        var outcome = await protocol.RunAsync(context, cancellationToken).ConfigureAwait(false);
        return outcome.Aggregation is not null
            ? outcome
            : throw new InvalidOperationException($"{label}: round {round} was skipped: {outcome.SkipReason}; failures: {string.Join("; ", outcome.Failures.Take(5).Select(f => f.Reason))}");
    }
}
