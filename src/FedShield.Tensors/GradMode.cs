namespace FedShield.Tensors;

/// <summary>Whether operations are recorded for automatic differentiation on the current thread.</summary>
public static class GradMode
{
    [ThreadStatic]
    private static bool t_disabled;

    /// <summary>True when operations on tensors that require gradients are recorded (the default).</summary>
    public static bool IsEnabled => !t_disabled;

    /// <summary>Disables recording until the returned scope is disposed (<c>using var _ = GradMode.NoGrad();</c>).</summary>
    public static Restore NoGrad() => Set(false);

    /// <summary>Enables or disables recording until the returned scope is disposed.</summary>
    public static Restore Set(bool enabled)
    {
        var previous = !t_disabled;
        t_disabled = !enabled;
        return new Restore(previous);
    }

    /// <summary>Restores the previous recording state when disposed.</summary>
    public readonly struct Restore : IDisposable
    {
        private readonly bool _previous;

        internal Restore(bool previous) => _previous = previous;

        /// <summary>Restores the recording state that held before this scope began.</summary>
        public void Dispose() => t_disabled = !_previous;
    }
}
