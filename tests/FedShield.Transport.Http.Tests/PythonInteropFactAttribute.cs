using System.Diagnostics;

namespace FedShield.Transport.Http.Tests;

/// <summary>
/// A fact that needs Debian's grpcio and protobuf for /usr/bin/python3; reported as skipped, never passed,
/// without them (.ci/run installs python3-grpcio and python3-protobuf).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonInteropFactAttribute : FactAttribute
{
    /// <summary>The interpreter the interoperability tests run.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(Probe);

    public PythonInteropFactAttribute()
    {
        if (Missing.Value is { } why)
        {
            Skip = why;
        }
    }

    private static string? Probe()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import grpc; from google.protobuf import descriptor_pool, message_factory"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000))
            {
                p.Kill(entireProcessTree: true);
                return $"{Python} did not import grpc within 60 s";
            }

            return p.ExitCode == 0
                ? null
                : $"{Python} cannot import grpc and google.protobuf (apt-get install python3-grpcio python3-protobuf; .ci/run installs them): {stderr.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{Python} is not installed";
        }
    }
}
