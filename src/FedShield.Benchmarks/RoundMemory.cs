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
/// <param name="WarmupReorderDepth">The most replies that waited at once in the orchestrator's reorder buffer (arrived before an earlier client's reply) during the warm-up round, where the live heap is read.</param>
/// <param name="MaxReorderDepth">The same over the timed rounds.</param>
/// <param name="WarmupUpdatesHeld">The most updates that existed at once during the warm-up round with a client's fit finished but not yet folded into the aggregate (the transport's reply queue plus the reorder buffer).</param>
/// <param name="MaxUpdatesHeld">The same over the timed rounds.</param>
/// <param name="DataBytes">The synthetic data set's arrays: features (clients × samples × sample size × 4) and labels (× 4).</param>
/// <param name="BaselineHeapBytes">Live heap before anything was built.</param>
/// <param name="HeapBeforeRoundBytes">Live heap once the data, the clients, the pool, the transport and the orchestrator are built, before the first round.</param>
/// <param name="PeakLiveHeapBytes">The largest live heap read during the warm-up round (a blocking full collection on a helper thread every ⌈clients/20⌉ replies) and right after it.</param>
/// <param name="HeapAfterRoundBytes">Live heap right after the warm-up round (what stays between rounds).</param>
/// <param name="HeapAfterTimedBytes">Live heap after the timed rounds: above <paramref name="HeapAfterRoundBytes"/> only if rounds leave something behind.</param>
/// <param name="PeakSampledHeapBytes">The largest heap size (live plus not yet collected) sampled during the timed rounds.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory since it started (VmHWM on Linux): data, heap, runtime, JIT and native memory.</param>
public sealed record RoundMemory(
    int ModelParameters,
    int Workers,
    int ModelInstances,
    int WarmupReorderDepth,
    int MaxReorderDepth,
    int WarmupUpdatesHeld,
    int MaxUpdatesHeld,
    long DataBytes,
    long BaselineHeapBytes,
    long HeapBeforeRoundBytes,
    long PeakLiveHeapBytes,
    long HeapAfterRoundBytes,
    long HeapAfterTimedBytes,
    long PeakSampledHeapBytes,
    long PeakWorkingSetBytes)
{
    /// <summary>The model's size as one float32 vector: parameters × 4 bytes (one update, one broadcast).</summary>
    public long ModelBytes => 4L * ModelParameters;

    /// <summary>
    /// The bytes of client updates that existed at once at most, as measured: one per worker being
    /// produced plus the most held unfolded (queue and reorder buffer), (workers + updates held) × model bytes.
    /// </summary>
    public long UpdatesInFlightBytes => ModelBytes * (Workers + Math.Max(WarmupUpdatesHeld, MaxUpdatesHeld));

    /// <summary>What a round adds to the live heap at its peak: <see cref="PeakLiveHeapBytes"/> − <see cref="HeapBeforeRoundBytes"/> (never below 0).</summary>
    public long RoundLiveExtraBytes => Math.Max(0, PeakLiveHeapBytes - HeapBeforeRoundBytes);

    /// <summary>What stays on the live heap from building the federation, without the data: <see cref="HeapBeforeRoundBytes"/> − <see cref="BaselineHeapBytes"/> − <see cref="DataBytes"/> (never below 0).</summary>
    public long SetupBytes => Math.Max(0, HeapBeforeRoundBytes - BaselineHeapBytes - DataBytes);
}
