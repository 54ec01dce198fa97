namespace FedShield.Benchmarks;

/// <summary>The measurements of one real secure-aggregation round.</summary>
/// <param name="WallSeconds">The round's wall time: <c>RunAsync</c> from start to outcome, all four stages.</param>
/// <param name="ClientSecondsMean">Per client, compute over all stages, mean over the clients that reported (<c>secagg.client_seconds_mean</c>; the dropped clients' stages 0–1 included).</param>
/// <param name="ClientSecondsMax">The largest client's compute (<c>secagg.client_seconds_max</c>).</param>
/// <param name="ServerSeconds">Server compute, waiting excluded (<c>secagg.server_seconds</c>).</param>
/// <param name="UnmaskSeconds">Its part spent rebuilding secrets and removing masks (<c>secagg.unmask_seconds</c>).</param>
/// <param name="ClientSentBytesMean">Bytes a surviving client sent to the server over the round (uplink), mean over survivors.</param>
/// <param name="ClientReceivedBytesMean">Bytes a surviving client received (downlink, the model of stage 0 included), mean over survivors.</param>
/// <param name="ServerSentBytes">Bytes the server sent to all clients.</param>
/// <param name="ServerReceivedBytes">Bytes the server received from all clients.</param>
/// <param name="Survivors">Inputs in the sum (<c>secagg.survivors</c>).</param>
/// <param name="Threshold">t (<c>secagg.threshold</c>).</param>
/// <param name="Degree">The masking graph's degree (<c>secagg.neighbours</c>).</param>
/// <param name="Bits">The ring width.</param>
/// <param name="ErrorBound">The documented bound on the decoded mean's error per coordinate (<c>secagg.error_bound</c>).</param>
/// <param name="MaxAbsError">max |aggregate − plaintext mean of the survivors| over the coordinates: checked to be within the bound.</param>
/// <param name="CpuSeconds">
/// CPU time the whole process used during the round (all threads: clients, server, garbage collector),
/// seconds. Unlike the wall-clock figures it does not grow when other work shares the cores.
/// </param>
public sealed record SecAggMeasurement(
    double WallSeconds,
    double ClientSecondsMean,
    double ClientSecondsMax,
    double ServerSeconds,
    double UnmaskSeconds,
    double ClientSentBytesMean,
    double ClientReceivedBytesMean,
    long ServerSentBytes,
    long ServerReceivedBytes,
    int Survivors,
    int Threshold,
    int Degree,
    int Bits,
    double ErrorBound,
    double MaxAbsError,
    double CpuSeconds)
{
    /// <summary>The server's traffic both ways.</summary>
    public long ServerTotalBytes => ServerSentBytes + ServerReceivedBytes;

    /// <summary>A surviving client's upload over the plain float32 upload of 4·d bytes.</summary>
    public double Expansion(int d) => ClientSentBytesMean / (4.0 * d);
}
