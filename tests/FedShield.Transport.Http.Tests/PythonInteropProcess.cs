using System.Diagnostics;
using System.Text;

namespace FedShield.Transport.Http.Tests;

/// <summary>
/// A child process (the Python participant, protoc) whose output is collected as it comes, so that an
/// assertion can show it while the process still runs; killed with its children when disposed.
/// </summary>
internal sealed class PythonInteropProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private PythonInteropProcess(Process process) => _process = process;

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>.</summary>
    public static PythonInteropProcess Start(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info };
        var run = new PythonInteropProcess(process);
        process.OutputDataReceived += (_, e) => Append(run._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(run._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Both streams, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_stdout)
            {
                lock (_stderr)
                {
                    return $"[stdout]\n{_stdout}[stderr]\n{_stderr}";
                }
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, or null when the process is still running after <paramref name="limit"/> (it is then killed).</summary>
    public async Task<int?> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            return null;
        }

        // The parameterless wait also drains the redirected streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.Append(line).Append('\n');
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }
}
