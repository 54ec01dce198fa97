using System.Collections.Concurrent;

namespace FedShield.Simulation;

/// <summary>
/// A fixed set of long-lived background threads that run work items in the order they are queued.
/// Threads live as long as the pool, so their per-thread scratch memory (tensor pools, GEMM packing
/// buffers) is built once rather than every round.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _threads;

    public WorkerPool(int workers)
    {
        _threads = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"fedshield-worker-{i}" };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length;

    public void Enqueue(Action work) => _queue.Add(work);

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var t in _threads)
        {
            if (t != Thread.CurrentThread)
            {
                t.Join();
            }
        }

        _queue.Dispose();
    }

    private void Work()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }
}
