using System.CommandLine;

namespace FedShield.Cli;

/// <summary>The <c>fedshield</c> command tree: parsing here, work in the libraries.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("FedShield: private and attack-resilient federated learning for edge networks.");
        root.Subcommands.Add(BenchCommand.Create(output, error));
        root.Subcommands.Add(DataCommand.Create(output, error));
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
