using FedShield.Nn;

namespace FedShield.Learning;

/// <summary>
/// A model rented from a <see cref="ModelPool"/>; disposing it gives the model back (once: further
/// calls do nothing). Its weights, gradients and mode are whatever the previous user left: set
/// the weights before use.
/// </summary>
public sealed class ModelLease : IDisposable
{
    private PooledModel? _instance;

    internal ModelLease(PooledModel instance) => _instance = instance;

    /// <summary>The rented, materialised model.</summary>
    /// <exception cref="ObjectDisposedException">The lease has been disposed.</exception>
    public Module Model => Instance.Model;

    internal PooledModel Instance => _instance ?? throw new ObjectDisposedException(nameof(ModelLease), "the model has been returned to its pool.");

    /// <summary>Returns the model to its pool.</summary>
    public void Dispose()
    {
        var instance = Interlocked.Exchange(ref _instance, null);
        instance?.Pool.Return(instance);
    }
}
