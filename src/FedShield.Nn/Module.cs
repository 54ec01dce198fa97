using FedShield.Tensors;

namespace FedShield.Nn;

/// <summary>
/// A neural-network building block with explicitly registered parameters, buffers and named
/// children (no reflection). A model is a tree of modules; calling <see cref="Materialize"/> on the
/// root gathers every parameter of the tree into one contiguous <c>float[]</c>, every gradient into
/// a second one, and every buffer into a third, each tensor becoming a view into them.
/// </summary>
/// <remarks>
/// State follows PyTorch's <c>state_dict</c> order: a module's own parameters and buffers in
/// registration order, then each child's state in registration order, recursively. Because a
/// subtree's parameters are therefore contiguous, every module of a materialised tree exposes its
/// own slice of the root's buffers. Once materialised, the tree's structure is frozen.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Module is the established name in every deep-learning library; C# is the only consumer language.")]
public abstract partial class Module
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<ModuleBuffer> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private Module? _parent;

    /// <summary>Whether the module is in training mode (the default); <see cref="Eval"/> switches batch norm and dropout to inference behaviour.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>The parameters this module registered itself (not its children's), in registration order.</summary>
    public IReadOnlyList<Parameter> OwnParameters => _parameters;

    /// <summary>The buffers this module registered itself, in registration order.</summary>
    public IReadOnlyList<ModuleBuffer> OwnBuffers => _buffers;

    /// <summary>The direct children with the names they were registered under, in registration order.</summary>
    public IReadOnlyList<(string Name, Module Module)> Children => _children;

    /// <summary>The number of trainable elements in this module and all its descendants.</summary>
    public int ParameterCount
    {
        get
        {
            long n = 0;
            foreach (var p in _parameters)
            {
                n += p.Count;
            }

            foreach (var (_, child) in _children)
            {
                n += child.ParameterCount;
            }

            return checked((int)n);
        }
    }

    /// <summary>The number of buffer elements in this module and all its descendants.</summary>
    public int BufferCount
    {
        get
        {
            long n = 0;
            foreach (var b in _buffers)
            {
                n += b.Count;
            }

            foreach (var (_, child) in _children)
            {
                n += child.BufferCount;
            }

            return checked((int)n);
        }
    }

    /// <summary>Computes the module's output for <paramref name="input"/>; failures name the module and the offending shape.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Puts this module and all its descendants in training mode (or, with <c>false</c>, inference mode).</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }
    }

    /// <summary>Puts this module and all its descendants in inference mode.</summary>
    public void Eval() => Train(false);

    /// <summary>Every parameter of the tree with its dotted name, in state order.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters()
    {
        var result = new List<(string, Parameter)>();
        CollectParameters(string.Empty, result);
        return result;
    }

    /// <summary>
    /// Every parameter and buffer of the tree with its PyTorch <c>state_dict</c> name
    /// (<c>fc1.weight</c>, <c>bn.running_var</c>), in <c>state_dict</c> order.
    /// </summary>
    public IReadOnlyList<StateEntry> StateEntries()
    {
        var result = new List<StateEntry>();
        CollectState(string.Empty, result);
        return result;
    }

    /// <summary>
    /// Registers a trainable parameter of the given shape, initially zero, under <paramref name="name"/>
    /// (no dots; unique within this module). Initialise it through <see cref="Parameter.Value"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot or is already used.</exception>
    /// <exception cref="InvalidOperationException">The module belongs to a materialised model.</exception>
    protected Parameter RegisterParameter(string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ClaimName(name);
        var p = new Parameter(name, (int[])shape.Clone());
        _parameters.Add(p);
        return p;
    }

    /// <summary>Registers a non-trainable buffer of the given shape, initially zero (see <see cref="RegisterParameter"/> for the rules on names).</summary>
    protected ModuleBuffer RegisterBuffer(string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ClaimName(name);
        var b = new ModuleBuffer(name, (int[])shape.Clone());
        _buffers.Add(b);
        return b;
    }

    /// <summary>
    /// Registers <paramref name="module"/> as a child named <paramref name="name"/> and returns it.
    /// A module has at most one parent and must not yet be materialised.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid or used, the child already has a parent, or the registration would make a cycle.</exception>
    /// <exception cref="InvalidOperationException">This module or the child is materialised.</exception>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module._parent is not null)
        {
            throw new ArgumentException($"{this}: module {module} is already the child of {module._parent}; a module can be registered only once.", nameof(module));
        }

        if (module.IsMaterialized)
        {
            throw new InvalidOperationException($"{this}: module {module} is already materialised; build the whole model first and materialise only its root.");
        }

        for (var m = this; m is not null; m = m._parent)
        {
            if (ReferenceEquals(m, module))
            {
                throw new ArgumentException($"{this}: registering {module} as child '{name}' would make a cycle.", nameof(module));
            }
        }

        ClaimName(name);
        module._parent = this;
        _children.Add((name, module));
        return module;
    }

    private void ClaimName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (IsMaterialized)
        {
            throw new InvalidOperationException($"{this}: cannot register '{name}': the model is materialised and its structure is frozen.");
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{this}: name '{name}' contains a dot; dots separate module paths in state names.", nameof(name));
        }

        if (!_names.Add(name))
        {
            throw new ArgumentException($"{this}: name '{name}' is already registered in this module.", nameof(name));
        }
    }

    private void CollectParameters(string prefix, List<(string, Parameter)> result)
    {
        foreach (var p in _parameters)
        {
            result.Add((prefix + p.Name, p));
        }

        foreach (var (name, child) in _children)
        {
            child.CollectParameters(prefix + name + ".", result);
        }
    }

    private void CollectState(string prefix, List<StateEntry> result)
    {
        foreach (var p in _parameters)
        {
            result.Add(new StateEntry(prefix + p.Name, p.Value, IsParameter: true));
        }

        foreach (var b in _buffers)
        {
            result.Add(new StateEntry(prefix + b.Name, b.Value, IsParameter: false));
        }

        foreach (var (name, child) in _children)
        {
            child.CollectState(prefix + name + ".", result);
        }
    }

    /// <summary>The module's type name; layers override it with their configuration, e.g. <c>Linear(320→50)</c>.</summary>
    public override string ToString() => GetType().Name;
}
