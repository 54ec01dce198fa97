using System.CommandLine;
using System.Globalization;
using FedShield.Data.Sources;
using FedShield.Experiments.Config;
using FedShield.Experiments.Registry;
using FedShield.Experiments.Reproductions;
using FedShield.Experiments.Running;

namespace FedShield.Cli;

/// <summary><c>fedshield repro ID</c>: regenerates a published table, our figures beside the paper's.</summary>
internal static class ReproCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var id = new Argument<string>("ID") { Description = "Which table: " + string.Join(", ", FflReproduction.Ids) + "." };
        id.AcceptOnlyFromAmong([.. FflReproduction.Ids]);
        var outDir = new Option<string?>("--out") { Description = "Folder for the runs and the table (default: runs/repro/ID). Completed runs with the same config found there are reused." };
        var quick = new Option<bool>("--quick") { Description = "Shortened settings (fewer rounds, less MNIST data): minutes instead of hours; the figures are then not comparable with the paper's." };
        var bench = new Option<string[]>("--benchmark") { Description = "Run only these benchmarks (adult, mnist; repeatable). Default: both." };
        var method = new Option<string[]>("--method") { Description = "Run only these rows (repeatable): " + string.Join(", ", FflReproduction.MethodSlugs) + ". Default: all." };
        var set = new Option<string[]>("--set") { Description = "Override a key in every run, e.g. --set workers=2 (repeatable)." };
        var json = new Option<bool>("--json") { Description = "Print the table as JSON instead of Markdown." };
        var registry = RunCommand.RegistryOption();
        var noRegistry = RunCommand.NoRegistryOption();
        var command = new Command(
            "repro",
            "Reproduce a published table: run every experiment it needs (with progress), then print our figures beside the paper's and write ID.md and ID.json into the output folder. " +
            "ffl-table3: FedAvg, median, trimmed mean, Multi-Krum, FoolsGold and FFL (attacker strategies 1 and 2) under the Gaussian-noise attack (FFL paper, Table III); ffl-table4: the same under label flipping (Table IV). " +
            "Full settings: about 10 seconds for the six Adult runs and about 11 minutes per MNIST run on 2 cores (a table is about 80 minutes); --quick takes about 1 minute.")
        {
            id, outDir, quick, bench, method, set, json, registry, noRegistry,
        };
        command.SetAction(parse =>
        {
            string table = parse.GetValue(id)!;
            string folder = parse.GetValue(outDir) ?? Path.Combine("runs", "repro", table);
            bool asJson = parse.GetValue(json);
            var benchmarks = parse.GetValue(bench) is { Length: > 0 } chosen ? chosen : null;
            var options = new ReproOptions
            {
                OutputDirectory = folder,
                Quick = parse.GetValue(quick),
                Benchmarks = benchmarks,
                Methods = parse.GetValue(method) is { Length: > 0 } rows ? rows : null,
                Overrides = parse.GetValue(set) ?? [],
                RegistryPath = parse.GetValue(noRegistry) ? null : parse.GetValue(registry) ?? RunRegistry.DefaultPath(Environment.GetEnvironmentVariable),
                Locator = new DatasetLocator(DatasetLocatorOptions.FromEnvironment()),
                Progress = new Progress(error),
            };
            try
            {
                var result = FflReproduction.RunAsync(table, options, cancellationToken).GetAwaiter().GetResult();
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, table + ".md"), result.ToMarkdown());
                File.WriteAllText(Path.Combine(folder, table + ".json"), result.ToJson());
                output.Write(asJson ? result.ToJson() : result.ToMarkdown());
                if (!asJson)
                {
                    output.WriteLine($"written: {Path.Combine(folder, table + ".md")}, {Path.Combine(folder, table + ".json")}");
                }

                return ExitCodes.Ok;
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"fedshield repro: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (ConfigException ex)
            {
                error.WriteLine("fedshield repro: invalid override:");
                foreach (var e in ex.Errors)
                {
                    error.WriteLine("  " + e);
                }

                return ExitCodes.Usage;
            }
            catch (ExperimentSetupException ex)
            {
                error.WriteLine($"fedshield repro: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException ex)
            {
                error.WriteLine($"fedshield repro: interrupted: {ex.Message}");
                return ExitCodes.Interrupted;
            }
            catch (Exception ex) when (ex is DatasetNotFoundException or IOException or InvalidDataException or UnauthorizedAccessException or Data.DataFormatException)
            {
                error.WriteLine($"fedshield repro: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private sealed class Progress(TextWriter error) : IReproProgress
    {
        private long _started;

        public void ExperimentStarting(int index, int total, ReproExperiment experiment, string directory)
        {
            _started = TimeProvider.System.GetTimestamp();
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{index + 1}/{total}] {experiment.Benchmark} {experiment.Method}: {experiment.Config.Rounds} rounds -> {directory}"));
        }

        public void ExperimentFinished(int index, int total, ReproRow row)
        {
            var figures = string.Join(", ", row.Ours.Select(p => string.Create(CultureInfo.InvariantCulture, $"{ReproTable.Header(p.Key)} {p.Value:G4}")));
            var how = row.Reused ? "reused a completed run" : string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetElapsedTime(_started).TotalSeconds:F0} s");
            error.WriteLine($"[{index + 1}/{total}] {row.Benchmark} {row.Method}: {figures} (round {row.Round}; {how})");
        }
    }
}
