namespace FedShield.Benchmarks;

/// <summary>
/// Memory figures of a round benchmark, in bytes. The live-heap figures come from
/// <c>GC.GetTotalMemory(true)</c> (a forced full collection, then the bytes still referenced); the
/// sampled figure from <c>GC.GetTotalMemory(false)</c> every 5 ms during the timed rounds (live
/// objects plus garbage the collector has not reclaimed yet); the working set from the OS.
/// </summary>
/// <param name="ModelParameters">Trainable values of the model.</param>
/// <param name="Workers">Clients trained at once.</param>
/// <param name="ModelInstances">Model instances the pool built (at most one per worker that ever trained at the same time as another).</param>
/// <param name="MaxReorderDepth">The most replies that waited at once in the orchestrator's reorder buffer (arrived before an earlier client's reply), over the warm-up and timed rounds.</param>
/// <param name="DataBytes">The synthetic data set's arrays: features (clients × samples × sample size × 4) and labels (× 4).</param>
/// <param name="BaselineHeapBytes">Live heap before anything was built.</param>
/// <param name="HeapBeforeRoundBytes">Live heap once the data, the clients, the pool, the transport and the orchestrator are built, before the first round.</param>
/// <param name="PeakLiveHeapBytes">The largest live heap read during the warm-up round, at a forced collection every ⌈clients/20⌉ replies and after the round.</param>
/// <param name="HeapAfterRoundBytes">Live heap right after the warm-up round (what stays between rounds).</param>
/// <param name="PeakSampledHeapBytes">The largest heap size (live plus not yet collected) sampled during the timed rounds.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory since it started (VmHWM on Linux): data, heap, runtime, JIT and native memory.</param>
public sealed record RoundMemory(
    int ModelParameters,
    int Workers,
    int ModelInstances,
    int MaxReorderDepth,
    long DataBytes,
    long BaselineHeapBytes,
    long HeapBeforeRoundBytes,
    long PeakLiveHeapBytes,
    long HeapAfterRoundBytes,
    long PeakSampledHeapBytes,
    long PeakWorkingSetBytes)
{
    /// <summary>The model's size as one float32 vector: parameters × 4 bytes (one update, one broadcast).</summary>
    public long ModelBytes => 4L * ModelParameters;

    /// <summary>
    /// The most bytes of client updates the server side can hold at once by design: one per worker
    /// being produced plus those waiting in the reorder buffer, (workers + reorder depth) × model bytes.
    /// </summary>
    public long UpdatesInFlightBytes => ModelBytes * (Workers + MaxReorderDepth);

    /// <summary>What a round adds to the live heap at its peak: <see cref="PeakLiveHeapBytes"/> − <see cref="HeapBeforeRoundBytes"/> (never below 0).</summary>
    public long RoundLiveExtraBytes => Math.Max(0, PeakLiveHeapBytes - HeapBeforeRoundBytes);

    /// <summary>What stays on the live heap from building the federation, without the data: <see cref="HeapBeforeRoundBytes"/> − <see cref="BaselineHeapBytes"/> − <see cref="DataBytes"/> (never below 0).</summary>
    public long SetupBytes => Math.Max(0, HeapBeforeRoundBytes - BaselineHeapBytes - DataBytes);
}
