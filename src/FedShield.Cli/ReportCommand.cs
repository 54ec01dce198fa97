using System.CommandLine;
using FedShield.Experiments.Reports;

namespace FedShield.Cli;

/// <summary><c>fedshield report</c>: a run's report, or several runs side by side.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dirs = new Argument<string[]>("DIR") { Description = "One run directory (writes its report.md and report.html), or several (compares them).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string?>("--out") { Description = "Where a comparison writes comparison.txt/.md/.html (default: the current directory)." };
        var report = new Command("report", "Write a run's report (Markdown and self-contained HTML with charts), or compare several runs in one table and one chart.") { dirs, outDir };
        report.SetAction(parse =>
        {
            var paths = parse.GetValue(dirs)!;
            try
            {
                if (paths.Length == 1)
                {
                    var built = RunReport.Build(paths[0]);
                    var written = RunReport.Write(paths[0]);
                    output.Write(built.Text);
                    foreach (var file in written)
                    {
                        output.WriteLine("wrote " + file);
                    }

                    return ExitCodes.Ok;
                }

                var comparison = ComparisonReport.Build(paths);
                output.Write(comparison.Text);
                foreach (var file in comparison.Write(parse.GetValue(outDir) ?? Directory.GetCurrentDirectory()))
                {
                    output.WriteLine("wrote " + file);
                }

                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                error.WriteLine("fedshield report: " + ex.Message);
                return ExitCodes.Failure;
            }
        });
        return report;
    }
}
