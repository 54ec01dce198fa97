namespace FedShield.Nn;

public abstract partial class Module
{
    private ModelStorage? _storage;
    private int _parameterStart;
    private int _parameterLength;
    private int _bufferStart;
    private int _bufferLength;

    /// <summary>Whether this module belongs to a materialised model (its parameters live in the shared buffers).</summary>
    public bool IsMaterialized => _storage is not null;

    /// <summary>
    /// This module's parameters (its own, then its descendants') as one contiguous, writable span of
    /// the model's parameter array. Writing here changes the parameter tensors, and updating a
    /// parameter tensor in place changes this span: they share storage.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has not been materialised.</exception>
    public Span<float> ParameterBuffer => ParameterMemory.Span;

    /// <summary>The same elements as <see cref="ParameterBuffer"/>, as memory that can be stored or used across awaits.</summary>
    public Memory<float> ParameterMemory => Storage.Parameters.AsMemory(_parameterStart, _parameterLength);

    /// <summary>
    /// The gradients matching <see cref="ParameterBuffer"/> element for element. Each parameter's
    /// <see cref="Parameter.Grad"/> is a view into this array, so backward passes accumulate here.
    /// </summary>
    public Span<float> GradientBuffer => GradientMemory.Span;

    /// <summary>The same elements as <see cref="GradientBuffer"/>, as memory.</summary>
    public Memory<float> GradientMemory => Storage.Gradients.AsMemory(_parameterStart, _parameterLength);

    /// <summary>The values of every buffer of this subtree (running statistics), contiguous, in state order.</summary>
    public Span<float> BufferValues => BufferMemory.Span;

    /// <summary>The same elements as <see cref="BufferValues"/>, as memory.</summary>
    public Memory<float> BufferMemory => Storage.Buffers.AsMemory(_bufferStart, _bufferLength);

    private ModelStorage Storage => _storage ?? throw new InvalidOperationException(
        $"{this} has not been materialised: call Materialize() on the root module once the model is built.");

    /// <summary>
    /// Gathers the parameters of this module and all descendants into one new parameter array (in
    /// state order, keeping their current values), creates the matching zeroed gradient array and
    /// the buffer array, and rebinds every parameter, gradient and buffer tensor to a view into
    /// them. The tree's structure is frozen afterwards. Calling it again on a materialised root
    /// does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">This module has a parent: materialise the root.</exception>
    public void Materialize()
    {
        if (_parent is not null)
        {
            throw new InvalidOperationException($"{this} is a child of {_parent}: call Materialize() on the root of the model.");
        }

        if (_storage is not null)
        {
            return;
        }

        var storage = new ModelStorage(new float[ParameterCount], new float[ParameterCount], new float[BufferCount]);
        int p = 0;
        int b = 0;
        Bind(storage, ref p, ref b);
    }

    private void Bind(ModelStorage storage, ref int parameterOffset, ref int bufferOffset)
    {
        _parameterStart = parameterOffset;
        _bufferStart = bufferOffset;
        foreach (var p in _parameters)
        {
            p.Bind(storage.Parameters, storage.Gradients, parameterOffset);
            parameterOffset += p.Count;
        }

        foreach (var b in _buffers)
        {
            b.Bind(storage.Buffers, bufferOffset);
            bufferOffset += b.Count;
        }

        foreach (var (_, child) in _children)
        {
            child.Bind(storage, ref parameterOffset, ref bufferOffset);
        }

        _parameterLength = parameterOffset - _parameterStart;
        _bufferLength = bufferOffset - _bufferStart;
        _storage = storage;
    }

    /// <summary>
    /// Sets every gradient of this subtree to zero. In a materialised model this clears the gradient
    /// span in one pass and re-attaches any parameter whose <see cref="Parameter.Grad"/> was replaced
    /// (for example by a backward pass with <c>createGraph</c>) to its view of the gradient array.
    /// </summary>
    public void ZeroGrad()
    {
        if (_storage is null)
        {
            foreach (var (_, p) in NamedParameters())
            {
                p.Value.ZeroGrad(setToNull: true);
            }

            return;
        }

        GradientBuffer.Clear();
        ReattachGradients();
    }

    private void ReattachGradients()
    {
        foreach (var p in _parameters)
        {
            if (!ReferenceEquals(p.Value.Grad, p.GradView))
            {
                p.Value.Grad = p.GradView;
            }
        }

        foreach (var (_, child) in _children)
        {
            child.ReattachGradients();
        }
    }

    /// <summary>Copies a whole weight vector (length <see cref="ParameterCount"/>, state order) into the parameter buffer.</summary>
    /// <exception cref="ArgumentException">The length differs from the parameter count.</exception>
    public void SetParameters(ReadOnlySpan<float> values)
    {
        var destination = ParameterBuffer;
        if (values.Length != destination.Length)
        {
            throw new ArgumentException($"{this}: a weight vector of {values.Length} elements was given for a model of {destination.Length} parameters.", nameof(values));
        }

        values.CopyTo(destination);
    }

    private sealed record ModelStorage(float[] Parameters, float[] Gradients, float[] Buffers);
}
