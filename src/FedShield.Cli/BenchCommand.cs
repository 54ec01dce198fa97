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
        return bench;
    }

    // Progress lines go to standard error, so --json output stays machine-readable.
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine("  " + value);
    }
}
