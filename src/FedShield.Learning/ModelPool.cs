using FedShield.Learning.Models;

namespace FedShield.Learning;

/// <summary>
/// A thread-safe pool of materialised instances of one model. Clients do not own models: a worker
/// rents one for a fit or an evaluation and gives it back, so a federation of 1,000 clients run by
/// 8 workers needs about 8 models. Instances are built on demand from the blueprint (all with the
/// same fixed initialisation seed) and never discarded; since every user sets the weights before
/// use, no result depends on which instance was rented.
/// </summary>
public sealed class ModelPool
{
    private readonly Stack<PooledModel> _free = new();
    private readonly Lock _gate = new();
    private readonly int _seed;
    private int _created;

    /// <summary>Creates the pool and builds its first instance (which fixes <see cref="ParameterCount"/> and <see cref="BufferCount"/>).</summary>
    /// <param name="blueprint">How to build the model.</param>
    /// <param name="seed">Seed of every instance's initial weights (irrelevant to results, since users set the weights).</param>
    public ModelPool(ModelBlueprint blueprint, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        Blueprint = blueprint;
        _seed = seed;
        var first = Build();
        ParameterCount = first.Model.ParameterCount;
        BufferCount = first.Model.BufferCount;
        _free.Push(first);
    }

    /// <summary>How the instances are built, and the task they are built for.</summary>
    public ModelBlueprint Blueprint { get; }

    /// <summary>What the model outputs (which loss trains it).</summary>
    public ModelHead Head => Blueprint.Head;

    /// <summary>Trainable values per instance: the length of every weight vector and delta.</summary>
    public int ParameterCount { get; }

    /// <summary>Buffer values per instance (running statistics); non-zero for models with batch norm.</summary>
    public int BufferCount { get; }

    /// <summary>Instances built so far (the largest number ever rented at once).</summary>
    public int InstanceCount => Volatile.Read(ref _created);

    /// <summary>Rents an instance, building a new one when none is free. Dispose the lease to give it back.</summary>
    /// <exception cref="InvalidOperationException">A newly built instance differs in size from the first (the factory is not deterministic in structure).</exception>
    public ModelLease Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out var free))
            {
                return new ModelLease(free);
            }
        }

        // Built outside the lock: building a large model takes a while and needs no shared state.
        var built = Build();
        if (built.Model.ParameterCount != ParameterCount || built.Model.BufferCount != BufferCount)
        {
            throw new InvalidOperationException($"model pool '{Blueprint.Name}': a new instance has {built.Model.ParameterCount} parameters and {built.Model.BufferCount} buffer values, the first had {ParameterCount} and {BufferCount}.");
        }

        return new ModelLease(built);
    }

    internal void Return(PooledModel instance)
    {
        if (!ReferenceEquals(instance.Pool, this))
        {
            throw new ArgumentException($"model pool '{Blueprint.Name}': this model belongs to another pool.", nameof(instance));
        }

        lock (_gate)
        {
            _free.Push(instance);
        }
    }

    private PooledModel Build()
    {
        var model = Blueprint.Create(new Random(_seed));
        Interlocked.Increment(ref _created);
        return new PooledModel(this, model, Blueprint.ModelInputShape);
    }
}
