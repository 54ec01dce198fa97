using System.Runtime.InteropServices;

namespace FedShield.Benchmarks;

/// <summary>Describes the processor for benchmark records.</summary>
internal static class CpuInfo
{
    public static string Describe()
    {
        string model = RuntimeInformation.ProcessArchitecture.ToString();
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    model = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // The model name is informative only; the architecture stands in for it.
        }

        string widths = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512"
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "256-bit SIMD"
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "128-bit SIMD" : "no SIMD";
        return $"{model} ({Environment.ProcessorCount} logical cores, {widths} in use)";
    }
}
