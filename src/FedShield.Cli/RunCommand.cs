using System.CommandLine;
using FedShield.Data.Sources;
using FedShield.Experiments;
using FedShield.Experiments.Config;
using FedShield.Experiments.Registry;
using FedShield.Experiments.Running;
using FedShield.Learning.Models;

namespace FedShield.Cli;

/// <summary><c>fedshield run</c> and <c>fedshield resume</c>: experiments from YAML files.</summary>
internal static class RunCommand
{
    public static Option<string?> RegistryOption() => new("--registry") { Description = "Run registry database (default: $FEDSHIELD_HOME/registry.db, else ~/.local/share/fedshield/registry.db)." };

    public static Option<bool> NoRegistryOption() => new("--no-registry") { Description = "Do not record the run in the registry." };

    public static Command CreateRun(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = new Argument<string>("FILE") { Description = "Experiment file (YAML); see examples/ and docs/experiments.md." };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: a new directory under the config's 'output' root)." };
        var set = new Option<string[]>("--set") { Description = "Override a config key, e.g. --set rounds=5 --set training.lr=0.05 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var common = new CommonRunOptions();
        var run = new Command("run", "Run a federated experiment described by a YAML file and write its run directory (metrics, checkpoints, model, reports). Models: " + string.Join(", ", ModelCatalog.Names) + ".")
        {
            file, outDir, set,
        };
        common.AddTo(run);
        run.SetAction(parse =>
        {
            ExperimentConfig config;
            try
            {
                config = ExperimentConfigLoader.Load(parse.GetValue(file)!, parse.GetValue(set) ?? []);
            }
            catch (ConfigException ex)
            {
                error.WriteLine($"fedshield run: invalid experiment:");
                foreach (var e in ex.Errors)
                {
                    error.WriteLine("  " + e);
                }

                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                error.WriteLine($"fedshield run: cannot read {parse.GetValue(file)}: {ex.Message}");
                return ExitCodes.Usage;
            }

            return Execute("run", output, error, common, parse, options => ExperimentRunner.RunAsync(config, options with { RunDirectory = parse.GetValue(outDir) }, cancellationToken));
        });
        return run;
    }

    public static Command CreateResume(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var dir = new Argument<string>("DIR") { Description = "Run directory of an interrupted run." };
        var common = new CommonRunOptions();
        var resume = new Command("resume", "Continue an interrupted run from its last checkpoint; the result is bit-identical to an uninterrupted run.") { dir };
        common.AddTo(resume);
        resume.SetAction(parse => Execute("resume", output, error, common, parse, options => ExperimentRunner.ResumeAsync(parse.GetValue(dir)!, options, cancellationToken)));
        return resume;
    }

    public static Command CreateDemo(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var outRoot = new Option<string>("--out") { Description = "Output root for the demo's run directory.", DefaultValueFactory = _ => "runs" };
        var set = new Option<string[]>("--set") { Description = "Override a key of the demo experiment, e.g. --set rounds=5 (repeatable)." };
        var common = new CommonRunOptions();
        var demo = new Command("demo", "Run a complete federated experiment offline in a few minutes and write its report: FedAvg on MNIST when its files are on this machine, else on a built-in synthetic task (it says which).") { outRoot, set };
        common.AddTo(demo);
        demo.SetAction(parse =>
        {
            ExperimentConfig config;
            string note;
            try
            {
                (config, note) = DemoExperiment.Create(DatasetLocatorOptions.FromEnvironment(), parse.GetValue(outRoot)!, parse.GetValue(set) ?? []);
            }
            catch (ConfigException ex)
            {
                error.WriteLine("fedshield demo: invalid override:");
                foreach (var e in ex.Errors)
                {
                    error.WriteLine("  " + e);
                }

                return ExitCodes.Usage;
            }

            if (!parse.GetValue(common.LogJson))
            {
                output.WriteLine("demo: " + note);
            }

            return Execute("demo", output, error, common, parse, options => ExperimentRunner.RunAsync(config, options, cancellationToken));
        });
        return demo;
    }

    internal static int Execute(string verb, TextWriter output, TextWriter error, CommonRunOptions common, ParseResult parse, Func<RunOptions, Task<RunOutcome>> start, Func<string, string>? resumeCommand = null)
    {
        var listener = new ConsoleRunListener(output, error, parse.GetValue(common.Quiet), parse.GetValue(common.LogJson), interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            ResumeCommand = resumeCommand ?? (directory => $"fedshield resume {directory}"),
        };
        var options = new RunOptions
        {
            Listener = listener,
            RegistryPath = parse.GetValue(common.NoRegistry) ? null : parse.GetValue(common.Registry) ?? RunRegistry.DefaultPath(Environment.GetEnvironmentVariable),
            Locator = new DatasetLocator(DatasetLocatorOptions.FromEnvironment()),
            StopAfterRound = parse.GetValue(common.StopAfter),
        };
        try
        {
            var outcome = start(options).GetAwaiter().GetResult();
            var code = outcome.Summary.Status == RunStatus.Completed ? ExitCodes.Ok : ExitCodes.Interrupted;
            listener.Finished(outcome, code);
            return code;
        }
        catch (ExperimentSetupException ex)
        {
            error.WriteLine($"fedshield {verb}: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (ConfigException ex)
        {
            error.WriteLine($"fedshield {verb}: invalid experiment:");
            foreach (var e in ex.Errors)
            {
                error.WriteLine("  " + e);
            }

            return ExitCodes.Usage;
        }
        catch (DatasetNotFoundException ex)
        {
            error.WriteLine($"fedshield {verb}: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or Data.DataFormatException)
        {
            error.WriteLine($"fedshield {verb}: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    internal sealed class CommonRunOptions
    {
        public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the final result." };

        public Option<bool> LogJson { get; } = new("--log-json") { Description = "Print one JSON object per event (run_started, round, checkpoint, run_finished) on standard output instead of text." };

        public Option<string?> Registry { get; } = RegistryOption();

        public Option<bool> NoRegistry { get; } = NoRegistryOption();

        public Option<int> StopAfter { get; } = new("--stop-after") { Description = "Stop (as if interrupted) once this round is done; resume continues it. 0: run to the end.", DefaultValueFactory = _ => 0 };

        public void AddTo(Command command)
        {
            command.Options.Add(Quiet);
            command.Options.Add(LogJson);
            command.Options.Add(Registry);
            command.Options.Add(NoRegistry);
            command.Options.Add(StopAfter);
        }
    }
}
