namespace FedShield.Cli.Tests;

/// <summary>Runs the <c>fedshield</c> command tree in process and captures its exit code and both streams.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
