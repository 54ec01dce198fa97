using FedShield.Cli;

// The first Ctrl-C stops a run cleanly (it can be resumed); a second one ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        Console.Error.WriteLine();
        Console.Error.WriteLine("fedshield: interrupted; finishing cleanly (press Ctrl-C again to abort)");
        interrupt.Cancel();
    }
};

return CliApp.Run(args, Console.Out, Console.Error, interrupt.Token);
