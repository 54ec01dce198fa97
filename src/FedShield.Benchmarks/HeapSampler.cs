namespace FedShield.Benchmarks;

/// <summary>
/// Samples the managed heap's size (<see cref="GC.GetTotalMemory(bool)"/> without collecting: live
/// objects plus garbage not yet collected) from a background thread every few milliseconds and keeps
/// the largest value. A spike shorter than the interval can be missed, so the peak is a lower bound
/// of the true peak of that quantity.
/// </summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private long _peak;
    private bool _disposed;

    private HeapSampler(TimeSpan interval)
    {
        _interval = interval;
        _peak = GC.GetTotalMemory(false);
        _thread = new Thread(Loop) { IsBackground = true, Name = "heap sampler" };
    }

    /// <summary>The largest heap size seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>Starts sampling every <paramref name="interval"/>.</summary>
    public static HeapSampler Start(TimeSpan interval)
    {
        var sampler = new HeapSampler(interval);
        sampler._thread.Start();
        return sampler;
    }

    /// <summary>Stops sampling and waits for the thread to end; further calls do nothing.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Loop()
    {
        do
        {
            long now = GC.GetTotalMemory(false);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }
        }
        while (!_stop.Wait(_interval));
    }
}
