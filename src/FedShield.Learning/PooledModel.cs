using FedShield.Nn;
using FedShield.Nn.Optim;

namespace FedShield.Learning;

/// <summary>One model instance of a <see cref="ModelPool"/> with the scratch its users reuse: batch buffers, a shuffle buffer and an optimizer.</summary>
internal sealed class PooledModel(ModelPool pool, Module model, IReadOnlyList<int> modelInputShape)
{
    private int[] _order = [];
    private Optimizer? _optimizer;
    private OptimizerSpec? _optimizerSpec;

    public ModelPool Pool { get; } = pool;

    public Module Model { get; } = model;

    public BatchBuffers Batch { get; } = new(modelInputShape);

    /// <summary>A buffer of at least <paramref name="count"/> indices, reused across rentals.</summary>
    public Span<int> Order(int count)
    {
        if (_order.Length < count)
        {
            _order = new int[count];
        }

        return _order.AsSpan(0, count);
    }

    /// <summary>An optimizer for <paramref name="spec"/> over this model (rebuilt only when the spec changes); its state is whatever the last user left.</summary>
    public Optimizer Optimizer(OptimizerSpec spec)
    {
        if (_optimizer is null || !spec.Equals(_optimizerSpec))
        {
            _optimizer = spec.Create(Model);
            _optimizerSpec = spec;
        }

        return _optimizer;
    }
}
