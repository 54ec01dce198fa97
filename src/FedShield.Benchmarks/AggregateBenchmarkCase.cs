namespace FedShield.Benchmarks;

/// <summary>One rule at one size: FedShield's figures and, when it ran, PyTorch's.</summary>
/// <param name="Method">The rule: <c>median</c>, <c>trimmed-mean</c> or <c>multi-krum</c>.</param>
/// <param name="N">Updates.</param>
/// <param name="D">Values per update.</param>
/// <param name="FedShieldTimesMs">FedShield's timed calls, milliseconds, in order.</param>
/// <param name="ExtraBytes">Bytes FedShield allocated during one call (all threads; result included).</param>
/// <param name="PyTorchTimesMs">PyTorch's timed calls, milliseconds; null when it did not run.</param>
/// <param name="PyTorchMidpointMs">For the median with even n: PyTorch's like-for-like midpoint (two <c>kthvalue</c> calls averaged); null otherwise.</param>
/// <param name="MaxAbsDiff">max |FedShield − PyTorch| over the coordinates (for the median: against the midpoint); null without PyTorch.</param>
/// <param name="MaxAbsDiffLowerMedian">For the median with even n: max |FedShield − torch.median| (nonzero by definition: torch takes the lower middle); null otherwise.</param>
/// <param name="SelectionAgrees">For Multi-Krum: whether both sides averaged the same updates; null otherwise.</param>
public sealed record AggregateBenchmarkCase(
    string Method,
    int N,
    int D,
    IReadOnlyList<double> FedShieldTimesMs,
    long ExtraBytes,
    IReadOnlyList<double>? PyTorchTimesMs = null,
    double? PyTorchMidpointMs = null,
    double? MaxAbsDiff = null,
    double? MaxAbsDiffLowerMedian = null,
    bool? SelectionAgrees = null)
{
    /// <summary>The update set's size: n · d · 4 bytes.</summary>
    public long UpdateSetBytes => 4L * N * D;

    /// <summary>FedShield's median time, milliseconds.</summary>
    public double FedShieldMs => Median(FedShieldTimesMs);

    /// <summary>PyTorch's median time, milliseconds; null when it did not run.</summary>
    public double? PyTorchMs => PyTorchTimesMs is { Count: > 0 } t ? Median(t) : null;

    /// <summary>FedShield's time over PyTorch's (lower is better for FedShield); null without PyTorch.</summary>
    public double? Ratio => PyTorchMs is > 0 and var p ? FedShieldMs / p : null;

    /// <summary>FedShield's extra memory over the update set's size.</summary>
    public double ExtraMemoryRatio => UpdateSetBytes == 0 ? 0 : (double)ExtraBytes / UpdateSetBytes;

    /// <summary>The median of <paramref name="values"/> (mean of the two middle ones for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        int h = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }
}
