namespace FedShield.Tensors;

/// <summary>
/// A region of code (typically one training step) whose intermediate tensors borrow their storage
/// from a per-thread pool and give it back when the scope ends, so a steady-state training loop
/// allocates almost nothing on the managed heap.
/// </summary>
/// <remarks>
/// Tensors created inside the scope are invalidated when it is disposed; reading one afterwards
/// throws. Leaves created outside (parameters, their gradient buffers) are untouched. Scopes nest;
/// each covers the tensors created while it is the innermost one. Scopes are per thread.
/// </remarks>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? t_current;

    [ThreadStatic]
    private static Dictionary<int, Stack<float[]>>? t_pool;

    private readonly TensorScope? _parent;
    private readonly List<Tensor> _tensors = new(64);
    private readonly List<float[]> _owned = new(64);
    private bool _disposed;

    private TensorScope(TensorScope? parent) => _parent = parent;

    /// <summary>Starts a scope on the current thread; dispose it to release its tensors.</summary>
    public static TensorScope Begin()
    {
        var scope = t_current is { } parent && parent.TryReuseChild(out var child) ? child : new TensorScope(t_current);
        t_current = scope;
        return scope;
    }

    // A parent keeps its last child so nested begin/end in a loop does not allocate.
    private TensorScope? _spareChild;

    private bool TryReuseChild(out TensorScope child)
    {
        child = _spareChild!;
        if (child is null)
        {
            return false;
        }

        _spareChild = null;
        child._disposed = false;
        return true;
    }

    internal static bool IsActive => t_current is not null;

    /// <summary>Returns a buffer of exactly <paramref name="length"/> floats with unspecified contents.</summary>
    internal static float[] Rent(int length)
    {
        var scope = t_current;
        if (scope is null || length == 0)
        {
            return length == 0 ? [] : GC.AllocateUninitializedArray<float>(length);
        }

        var pool = t_pool ??= [];
        float[] buffer = pool.TryGetValue(length, out var stack) && stack.Count > 0
            ? stack.Pop()
            : GC.AllocateUninitializedArray<float>(length);
        scope._owned.Add(buffer);
        return buffer;
    }

    internal static void Track(Tensor tensor) => t_current?._tensors.Add(tensor);

    /// <summary>Ends the scope: every tensor created in it becomes unreadable and its storage returns to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (t_current != this)
        {
            throw new InvalidOperationException("TensorScope: scopes must be disposed in the reverse order of creation, on the thread that began them.");
        }

        _disposed = true;
        foreach (var t in _tensors)
        {
            t.Invalidate();
        }

        _tensors.Clear();
        var pool = t_pool ??= [];
        foreach (var buffer in _owned)
        {
            if (!pool.TryGetValue(buffer.Length, out var stack))
            {
                stack = new Stack<float[]>();
                pool[buffer.Length] = stack;
            }

            stack.Push(buffer);
        }

        _owned.Clear();
        t_current = _parent;
        if (_parent is not null)
        {
            _parent._spareChild = this;
        }
    }

    /// <summary>Drops every pooled buffer held by the current thread (for example after a model is discarded).</summary>
    public static void TrimPool() => t_pool?.Clear();
}
