namespace FedShield.Simulation;

/// <summary>
/// Keeps workers from running far ahead of the oldest reply not yet handed to the server: item i may
/// start only once every item before i − width has been handed over. Servers fold replies in
/// instruction order, so this bounds the replies they must hold out of order by the width. A width of
/// at least the worker count cannot deadlock: the item everyone waits for is already running.
/// </summary>
internal sealed class DispatchWindow(int count, int width)
{
    private readonly bool[] _delivered = new bool[count];
    private readonly object _gate = new();
    private int _prefix;
    private bool _closed;

    /// <summary>Blocks until item <paramref name="index"/> may start (or the window is closed).</summary>
    public void WaitToStart(int index)
    {
        lock (_gate)
        {
            while (!_closed && index >= _prefix + width)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Records that item <paramref name="index"/> reached the server.</summary>
    public void Delivered(int index)
    {
        lock (_gate)
        {
            _delivered[index] = true;
            var moved = false;
            while (_prefix < _delivered.Length && _delivered[_prefix])
            {
                _prefix++;
                moved = true;
            }

            if (moved)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Lets every waiting item start (the server stopped listening).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
