namespace FedShield.Cli;

/// <summary>What <c>fedshield</c>'s exit status means (also listed in <c>fedshield --help</c> and the README).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The work failed: data not found, unreadable files, an error during the run.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the experiment file is invalid; nothing was run.</summary>
    public const int Usage = 2;

    /// <summary>The run was interrupted (Ctrl-C) or stopped early; <c>fedshield resume DIR</c> continues it.</summary>
    public const int Interrupted = 130;
}
