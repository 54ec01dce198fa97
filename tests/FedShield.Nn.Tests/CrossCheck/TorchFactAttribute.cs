using System.Diagnostics;

namespace FedShield.Nn.Tests.CrossCheck;

/// <summary>A fact that needs Debian's PyTorch (/usr/bin/python3 with torch); reported as skipped, never passed, without it.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Python = new(FindPython);

    public TorchFactAttribute()
    {
        if (Python.Value is null)
        {
            Skip = "PyTorch is not installed (apt-get install python3-torch); .ci/run installs it";
        }
    }

    /// <summary>The interpreter that imports torch.</summary>
    public static string PythonPath => Python.Value ?? throw new InvalidOperationException("PyTorch is not available");

    private static string? FindPython()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("FEDSHIELD_PYTHON"), "/usr/bin/python3", "python3" })
        {
            if (string.IsNullOrEmpty(candidate))
            {
                continue;
            }

            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                if (p.WaitForExit(60_000) && p.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name; try the next.
            }
        }

        return null;
    }
}
