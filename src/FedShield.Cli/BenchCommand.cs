using System.CommandLine;
using FedShield.Benchmarks;

namespace FedShield.Cli;

/// <summary><c>fedshield bench ...</c>: performance measurements.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output (progress still goes to standard error)." };
        var epochs = new Option<int>("--epochs") { Description = "Timed local epochs per workload.", DefaultValueFactory = _ => 5 };
        var samples = new Option<int>("--samples") { Description = "Samples per epoch (one client's share).", DefaultValueFactory = _ => 600 };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed for weights, data and shuffling.", DefaultValueFactory = _ => 1 };
        var workloads = new Option<string[]>("--workload") { Description = "Workload to run (repeatable): " + string.Join(", ", EngineBenchmarkOptions.KnownWorkloads) + ". Default: all.", AllowMultipleArgumentsPerToken = true };
        var noReference = new Option<bool>("--no-reference") { Description = "Do not run the PyTorch reference even if PyTorch is installed." };

        var engine = new Command("engine", "Train the reference models (mnist-cnn, adult-mlp) on one thread and report samples/s, allocations per step and, when PyTorch is installed, PyTorch's figure and the ratio.")
        {
            json, epochs, samples, batch, seed, workloads, noReference,
        };
        engine.SetAction(parse =>
        {
            EngineBenchmarkOptions options;
            try
            {
                var chosen = parse.GetValue(workloads);
                options = new EngineBenchmarkOptions(
                    epochs: parse.GetValue(epochs),
                    samples: parse.GetValue(samples),
                    batchSize: parse.GetValue(batch),
                    seed: parse.GetValue(seed),
                    workloads: chosen is { Length: > 0 } ? chosen : null,
                    runReference: !parse.GetValue(noReference));
            }
            catch (ArgumentException ex)
            {
                // The first line of the message: the parameter suffix .NET appends adds nothing here.
                error.WriteLine($"fedshield bench engine: {ex.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0]}");
                return 2;
            }

            var report = EngineBenchmark.Run(options, new Progress(error));
            output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
            return 0;
        });

        var bench = new Command("bench", "Performance benchmarks.");
        bench.Subcommands.Add(engine);
        bench.Subcommands.Add(CreateRound(output, error));
        bench.Subcommands.Add(CreateAggregate(output, error));
        bench.Subcommands.Add(CreateSecAgg(output, error));
        bench.Subcommands.Add(CreatePrivacyOverhead(output, error));
        bench.Subcommands.Add(CreateFfl(output, error));
        bench.Subcommands.Add(CreateNetwork(output, error));
        return bench;
    }

    private static Command CreateAggregate(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"cases\": [{\"method\", \"n\", \"d\", \"fedshield_ms\", \"pytorch_ms\", \"ratio\", ...}]} on standard output (progress still goes to standard error)." };
        var quick = new Option<bool>("--quick") { Description = "Small update sets (12 × 2,000 and 10 × 20,000) instead of 100 × 100,000 and 50 × 1,000,000." };
        var repeat = new Option<int>("--repeat") { Description = "Timed calls per rule and size after one warm-up call; the median is reported.", DefaultValueFactory = _ => 5 };
        var noReference = new Option<bool>("--no-reference") { Description = "Time FedShield alone, without the PyTorch side." };

        var aggregate = new Command("aggregate", "Time the robust aggregators (median, trimmed mean with beta 0.1, Multi-Krum with f = 20% of n) on large update sets against the same rules in PyTorch on the same data, one thread per core each, and report the memory each call allocates and how far the results differ.")
        {
            json, quick, repeat, noReference,
        };
        aggregate.SetAction(parse =>
        {
            AggregateBenchmarkOptions options;
            try
            {
                options = new AggregateBenchmarkOptions(quick: parse.GetValue(quick), repeat: parse.GetValue(repeat), runReference: !parse.GetValue(noReference));
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield bench aggregate: {FirstLine(ex)}");
                return 2;
            }

            try
            {
                var report = AggregateBenchmark.Run(options, new Progress(error));
                output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                error.WriteLine($"fedshield bench aggregate: {ex.Message}");
                return 1;
            }
        });
        return aggregate;
    }

    private static Command CreateSecAgg(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"cases\": [{\"variant\", \"n\", \"d\", \"dropout\", \"status\", \"client_seconds_mean\", \"server_seconds\", \"client_sent_bytes_mean\", ...}]} on standard output, one record per (variant, n, d, dropout) (progress still goes to standard error)." };
        var quick = new Option<bool>("--quick") { Description = "Only n in {10, 100} and d = 10,000 (CI scale) instead of n in {10, 100, 500} and d in {10^4, 10^5, 10^6}." };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Budget per case in seconds: a case whose estimated time exceeds it is reported as skipped, with the estimate.", DefaultValueFactory = _ => SecAggBenchmarkOptions.DefaultMaxSeconds };

        var secagg = new Command("secagg", "Run one real secure-aggregation round per case (SecAgg and SecAgg+; n clients; d parameters; 0% or 30% of the clients dropping after key sharing) over the in-process transport, check the unmasked mean against the plaintext mean, and report client and server seconds and bytes.")
        {
            json, quick, maxSeconds,
        };
        secagg.SetAction(async (parse, cancellationToken) =>
        {
            SecAggBenchmarkOptions options;
            try
            {
                options = new SecAggBenchmarkOptions(quick: parse.GetValue(quick), maxSeconds: parse.GetValue(maxSeconds));
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield bench secagg: {FirstLine(ex)}");
                return 2;
            }

            try
            {
                var report = await SecAggBenchmark.RunAsync(options, new Progress(error), cancellationToken: cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                error.WriteLine($"fedshield bench secagg: {ex.Message}");
                return 1;
            }
        });
        return secagg;
    }

    private static Command CreatePrivacyOverhead(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"cases\": [{\"mechanism\", \"d\", \"round_ms\", \"time_ratio\", \"client_bytes\", \"bytes_ratio\", ...}]} on standard output (progress still goes to standard error)." };
        var quick = new Option<bool>("--quick") { Description = "Only d = 10,000 instead of d in {10^4, 10^5, 10^6}." };
        var repeat = new Option<int>("--repeat") { Description = "Timed rounds per mechanism and size after one warm-up round; the median is reported.", DefaultValueFactory = _ => 5 };

        var overhead = new Command("privacy-overhead", "Time a round of 10 clients that train in no time (Orchestrator + in-process transport) and count its bytes under plain FedAvg, local DP, central DP, NISS and secure aggregation, and report each relative to plain FedAvg.")
        {
            json, quick, repeat,
        };
        overhead.SetAction(async (parse, cancellationToken) =>
        {
            PrivacyOverheadOptions options;
            try
            {
                options = new PrivacyOverheadOptions(quick: parse.GetValue(quick), repeat: parse.GetValue(repeat));
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield bench privacy-overhead: {FirstLine(ex)}");
                return 2;
            }

            try
            {
                var report = await PrivacyOverheadBenchmark.RunAsync(options, new Progress(error), cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                error.WriteLine($"fedshield bench privacy-overhead: {ex.Message}");
                return 1;
            }
        });
        return overhead;
    }

    private static Command CreateFfl(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"cases\": [{\"model\", \"d\", \"n\", \"decrypt_s\", \"aggregate_s\", \"mix_s\", \"fedavg_aggregate_s\", \"paper\", \"decrypt_ratio\", ...}]} on standard output, one record per (model, n) (progress still goes to standard error)." };
        var quick = new Option<bool>("--quick") { Description = "Only n = 10 updates, the adult-mlp model and 1 timed round, instead of n in {10, 50, 100}, adult-mlp and mnist-cnn, and 3 rounds." };
        var repeat = new Option<int?>("--repeat") { Description = "Timed rounds per model and n after one warm-up round; medians are reported (default 3, or 1 with --quick)." };

        var ffl = new Command("ffl", "Time real fragmented-federated-learning rounds (n participants that train in no time, reputation on, RSA-3072 server key) for the adult-mlp and mnist-cnn model sizes with 10, 50 and 100 updates, and report server decryption, server reputation and aggregation, and participant overhead beside Table V of the FFL paper, with plain FedAvg's aggregation and each participant's bytes.")
        {
            json, quick, repeat,
        };
        ffl.SetAction(async (parse, cancellationToken) =>
        {
            FflBenchmarkOptions options;
            try
            {
                options = new FflBenchmarkOptions(quick: parse.GetValue(quick), repeat: parse.GetValue(repeat));
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield bench ffl: {FirstLine(ex)}");
                return 2;
            }

            try
            {
                var report = await FflBenchmark.RunAsync(options, new Progress(error), cancellationToken: cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                error.WriteLine($"fedshield bench ffl: {ex.Message}");
                return 1;
            }
        });
        return ffl;
    }

    private static Command CreateNetwork(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"cases\": [{\"n\", \"d\", \"rounds_per_s\", \"round_median_s\", \"bytes_per_round\", \"participants\", \"failures\", \"memory\", ...}]} on standard output, one record per number of clients (progress still goes to standard error)." };
        var quick = new Option<bool>("--quick") { Description = "Only 20 clients and 3 timed rounds, instead of 100, 300 and 500 clients and " + NetworkBenchmarkOptions.DefaultRounds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " rounds." };
        var clients = new Option<int[]>("--clients") { Description = "Numbers of concurrent clients, one server each (repeatable). Default: 100, 300, 500 (20 with --quick).", AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int?>("--rounds") { Description = "Timed rounds per number of clients after one warm-up round (default " + NetworkBenchmarkOptions.DefaultRounds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", or 3 with --quick)." };
        var dimension = new Option<int>("--dimension") { Description = "Floats in the model and in every update.", DefaultValueFactory = _ => NetworkBenchmarkOptions.DefaultDimension };
        var minThreads = new Option<int>("--min-threads") { Description = "Raise the thread pool's minimum worker and I/O threads to this for the run (0: the runtime's default).", DefaultValueFactory = _ => 0 };

        var callsPerSecond = new Option<int>("--calls-per-second") { Description = "The server's per-client call limit. Clients that train in no time make 2 calls per round, so FedShield's default of 50 would throttle them above 25 rounds/s; the benchmark lifts it.", DefaultValueFactory = _ => NetworkBenchmarkOptions.DefaultMaxCallsPerSecond };
        var network = new Command("network", "Load test of the network transport: per number of clients, one server on 127.0.0.1 and that many client links in the same process (own HttpClient and HTTP/2 connection each, a tiny model answered instantly), FedAvg rounds with every client selected; report rounds per second, the median round, bytes per round, failures, and the process's memory beside the server alone.")
        {
            json, quick, clients, rounds, dimension, minThreads, callsPerSecond,
        };
        network.SetAction(async (parse, cancellationToken) =>
        {
            NetworkBenchmarkOptions options;
            try
            {
                var chosen = parse.GetValue(clients);
                options = new NetworkBenchmarkOptions(
                    quick: parse.GetValue(quick),
                    clients: chosen is { Length: > 0 } ? chosen : null,
                    rounds: parse.GetValue(rounds),
                    dimension: parse.GetValue(dimension),
                    minThreads: parse.GetValue(minThreads),
                    maxCallsPerSecond: parse.GetValue(callsPerSecond));
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield bench network: {FirstLine(ex)}");
                return 2;
            }

            try
            {
                var report = await NetworkBenchmark.RunAsync(options, new Progress(error), cancellationToken: cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
                if (!report.Ok)
                {
                    error.WriteLine("fedshield bench network: some rounds did not have every client as a participant, or had failures (see the report)");
                    return 1;
                }

                return 0;
            }
            catch (InvalidOperationException ex)
            {
                error.WriteLine($"fedshield bench network: {ex.Message}");
                return 1;
            }
        });
        return network;
    }

    private static Command CreateRound(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output (progress still goes to standard error)." };
        var workload = new Option<string>("--workload") { Description = "mnist-cnn (timing; 600 samples, 3 epochs, batch 64, SGD lr 0.01 momentum 0.9) or adult-mlp (memory; 105 features, 32 samples, 1 epoch, batch 32, Adam lr 0.001).", DefaultValueFactory = _ => "mnist-cnn" };
        var clients = new Option<int>("--clients") { Description = "Clients, all selected every round.", DefaultValueFactory = _ => 50 };
        var samples = new Option<int?>("--samples") { Description = "Training samples per client (default: the workload's)." };
        var epochs = new Option<int?>("--epochs") { Description = "Local epochs per round (default: the workload's)." };
        var batch = new Option<int?>("--batch-size") { Description = "Local mini-batch size (default: the workload's)." };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds after one untimed warm-up round; the mean is reported.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Clients trained at once, and PyTorch's intra-op threads (0: one per logical core).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data, the initial model and the run.", DefaultValueFactory = _ => 42 };
        var noReference = new Option<bool>("--no-reference") { Description = "Do not run the PyTorch reference even if PyTorch is installed." };

        var round = new Command("round", "Time one FedAvg round (Orchestrator + in-process transport + learning clients, one worker per core) against the same round in plain PyTorch, and report memory: live heap, sampled heap and peak working set next to the model size.")
        {
            json, workload, clients, samples, epochs, batch, rounds, workers, seed, noReference,
        };
        round.SetAction(async (parse, cancellationToken) =>
        {
            RoundBenchmarkOptions options;
            try
            {
                options = new RoundBenchmarkOptions(
                    workload: parse.GetValue(workload)!,
                    clients: parse.GetValue(clients),
                    samples: parse.GetValue(samples),
                    epochs: parse.GetValue(epochs),
                    batchSize: parse.GetValue(batch),
                    rounds: parse.GetValue(rounds),
                    workers: parse.GetValue(workers),
                    seed: parse.GetValue(seed),
                    runReference: !parse.GetValue(noReference));
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield bench round: {FirstLine(ex)}");
                return 2;
            }

            try
            {
                var report = await RoundBenchmark.RunAsync(options, new Progress(error), cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToTable());
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                error.WriteLine($"fedshield bench round: {ex.Message}");
                return 1;
            }
        });
        return round;
    }

    // The first line of the message: the parameter suffix .NET appends adds nothing here.
    private static string FirstLine(ArgumentException ex) => ex.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0];

    // Progress lines go to standard error, so --json output stays machine-readable.
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine("  " + value);
    }
}
