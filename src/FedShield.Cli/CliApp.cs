using System.CommandLine;

namespace FedShield.Cli;

/// <summary>The <c>fedshield</c> command tree: parsing here, work in the libraries.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error (diagnostics and progress).</param>
    /// <param name="cancellationToken">Interrupts a running experiment (Ctrl-C); it stops cleanly and can be resumed.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("FedShield: private and attack-resilient federated learning for edge networks.\n\nExit codes: 0 done; 1 the work failed (data not found, unreadable files); 2 invalid command line or experiment, nothing run; 130 interrupted or stopped early (fedshield resume continues).");
        root.Subcommands.Add(BenchCommand.Create(output, error));
        root.Subcommands.Add(DataCommand.Create(output, error));
        root.Subcommands.Add(RunCommand.CreateRun(output, error, cancellationToken));
        root.Subcommands.Add(RunCommand.CreateResume(output, error, cancellationToken));
        root.Subcommands.Add(RunCommand.CreateDemo(output, error, cancellationToken));
        root.Subcommands.Add(ReproCommand.Create(output, error, cancellationToken));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(ListCommand.Create(output, error));
        root.Subcommands.Add(NetworkCommand.CreateServer(output, error, cancellationToken));
        root.Subcommands.Add(NetworkCommand.CreateEdge(output, error, cancellationToken));
        root.Subcommands.Add(NetworkCommand.CreateClient(output, error, cancellationToken));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // An invalid command line is a usage error (exit 2, as the help says), not a failed run.
            foreach (var problem in parse.Errors)
            {
                error.WriteLine("fedshield: " + problem.Message);
            }

            error.WriteLine($"Run '{string.Join(' ', ["fedshield", .. CommandPath(parse.CommandResult)])} --help' for usage.");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var r = result; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
        {
            names.Push(r.Command.Name);
        }

        return names;
    }
}
