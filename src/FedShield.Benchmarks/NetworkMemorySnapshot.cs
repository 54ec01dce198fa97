namespace FedShield.Benchmarks;

/// <summary>
/// The whole process's memory at one moment, in bytes. In the network load test the server and every
/// client link share the process, so none of these is the server's alone.
/// </summary>
/// <param name="HeapBytes"><see cref="GC.GetTotalMemory(bool)"/> without collecting: live objects plus garbage not yet collected.</param>
/// <param name="GcHeapSizeBytes"><see cref="GCMemoryInfo.HeapSizeBytes"/> of <see cref="GC.GetGCMemoryInfo()"/>: the managed heap's size at the last collection.</param>
/// <param name="WorkingSetBytes"><see cref="Environment.WorkingSet"/>: the process's resident memory, managed and native.</param>
/// <param name="LiveHeapBytes"><see cref="GC.GetTotalMemory(bool)"/> after a full collection: what is still reachable.</param>
public sealed record NetworkMemorySnapshot(long HeapBytes, long GcHeapSizeBytes, long WorkingSetBytes, long LiveHeapBytes)
{
    /// <summary>Reads the heap, the GC's heap size and the working set first, then collects fully and reads the live heap.</summary>
    internal static NetworkMemorySnapshot Take()
    {
        var heap = GC.GetTotalMemory(false);
        var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var workingSet = Environment.WorkingSet;
        var live = GC.GetTotalMemory(true);
        return new NetworkMemorySnapshot(heap, gcHeap, workingSet, live);
    }
}
