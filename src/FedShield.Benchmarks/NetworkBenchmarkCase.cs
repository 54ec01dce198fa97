namespace FedShield.Benchmarks;

/// <summary>One server with <paramref name="N"/> concurrent clients on loopback: its round rate, traffic and memory.</summary>
/// <param name="N">Clients joined, all selected every round.</param>
/// <param name="D">Floats in the model and in every update.</param>
/// <param name="JoinSeconds">From starting the client links to all N available on the server.</param>
/// <param name="RoundSeconds">Per timed round, in order: its wall time.</param>
/// <param name="Participants">Per timed round: clients whose update was aggregated (N when all answered).</param>
/// <param name="Failures">Per timed round: clients that produced nothing usable (0 when all answered).</param>
/// <param name="SentBytes">Per timed round: bytes the server sent (the fit instructions, each with the global weights).</param>
/// <param name="ReceivedBytes">Per timed round: bytes the server received (the updates).</param>
/// <param name="CpuSecondsPerRound">The process's CPU time per timed round (all threads: server and clients), mean over the rounds.</param>
/// <param name="Alone">The process with the server started and no client joined, after a full collection.</param>
/// <param name="After">The process after the timed rounds, with the N clients still joined.</param>
/// <param name="PeakHeapBytes">The largest managed heap (<see cref="GC.GetTotalMemory(bool)"/> without collecting) sampled every 10 ms during the timed rounds.</param>
/// <param name="LoadAverageBefore">The machine's 1-minute load average before the server started; NaN when unknown.</param>
/// <param name="LoadAverageAfter">The machine's 1-minute load average after the timed rounds; NaN when unknown.</param>
/// <param name="ServerCalls">gRPC calls the server received during the timed rounds (from its <c>/metrics</c> endpoint).</param>
/// <param name="RefusedCalls">Calls the server refused during the timed rounds (e.g. over the rate limit; the client backs off and retries).</param>
/// <param name="Problems">What went wrong (a round with fewer than N participants, failures, a skipped round, a link that ended with an error); empty when nothing did.</param>
public sealed record NetworkBenchmarkCase(
    int N,
    int D,
    double JoinSeconds,
    IReadOnlyList<double> RoundSeconds,
    IReadOnlyList<int> Participants,
    IReadOnlyList<int> Failures,
    IReadOnlyList<long> SentBytes,
    IReadOnlyList<long> ReceivedBytes,
    double CpuSecondsPerRound,
    NetworkMemorySnapshot Alone,
    NetworkMemorySnapshot After,
    long PeakHeapBytes,
    double LoadAverageBefore,
    double LoadAverageAfter,
    long ServerCalls,
    long RefusedCalls,
    IReadOnlyList<string> Problems)
{
    /// <summary>Timed rounds.</summary>
    public int Rounds => RoundSeconds.Count;

    /// <summary>The wall time of the timed rounds together, seconds.</summary>
    public double WallSeconds => RoundSeconds.Sum();

    /// <summary>Timed rounds over their wall time.</summary>
    public double RoundsPerSecond => Rounds / WallSeconds;

    /// <summary>The median round time, seconds.</summary>
    public double MedianRoundSeconds => AggregateBenchmarkCase.Median(RoundSeconds);

    /// <summary>Bytes both ways per round, mean over the timed rounds.</summary>
    public double BytesPerRound => (SentBytes.Sum() + ReceivedBytes.Sum()) / (double)Rounds;

    /// <summary>Bytes the server sent per round, mean over the timed rounds.</summary>
    public double SentBytesPerRound => SentBytes.Sum() / (double)Rounds;

    /// <summary>Bytes the server received per round, mean over the timed rounds.</summary>
    public double ReceivedBytesPerRound => ReceivedBytes.Sum() / (double)Rounds;

    /// <summary>The live heap's growth from the server alone to the server with N clients after the rounds: an upper bound of the server's share.</summary>
    public long LiveHeapGrowthBytes => After.LiveHeapBytes - Alone.LiveHeapBytes;

    /// <summary>The working set's growth from the server alone to the server with N clients after the rounds.</summary>
    public long WorkingSetGrowthBytes => After.WorkingSetBytes - Alone.WorkingSetBytes;

    /// <summary>Whether every round had N participants, no failure, and nothing else went wrong.</summary>
    public bool Ok => Problems.Count == 0;
}
