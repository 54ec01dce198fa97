namespace FedShield.Benchmarks;

/// <summary>One mechanism at one update length: its round times and traffic, and both relative to plain FedAvg.</summary>
/// <param name="Mechanism">One of <see cref="PrivacyOverheadOptions.Mechanisms"/>.</param>
/// <param name="D">Update length.</param>
/// <param name="Clients">Clients in each round.</param>
/// <param name="RoundTimesMs">The timed rounds' wall times, milliseconds, in order.</param>
/// <param name="ClientSentBytes">Bytes a client sent to the server in one round (uplink), mean over the clients.</param>
/// <param name="ClientReceivedBytes">Bytes a client received from the server in one round (downlink), mean over the clients.</param>
/// <param name="CpuMsPerRound">The process's CPU time per timed round (all threads), milliseconds, mean over the rounds: unaffected by other work on the machine.</param>
/// <param name="TimeRatio">The median round time over plain FedAvg's at the same length.</param>
/// <param name="CpuRatio">The CPU time per round over plain FedAvg's at the same length.</param>
/// <param name="BytesRatio">A client's bytes both ways over plain FedAvg's at the same length.</param>
/// <param name="LoadAverage">The machine's 1-minute load average before the warm-up round (other work competing for the cores); NaN when unknown.</param>
public sealed record PrivacyOverheadCase(
    string Mechanism,
    int D,
    int Clients,
    IReadOnlyList<double> RoundTimesMs,
    double ClientSentBytes,
    double ClientReceivedBytes,
    double CpuMsPerRound,
    double TimeRatio = double.NaN,
    double CpuRatio = double.NaN,
    double BytesRatio = double.NaN,
    double LoadAverage = double.NaN)
{
    /// <summary>The median round time, milliseconds.</summary>
    public double RoundMs => AggregateBenchmarkCase.Median(RoundTimesMs);

    /// <summary>A client's bytes both ways per round.</summary>
    public double ClientBytes => ClientSentBytes + ClientReceivedBytes;
}
