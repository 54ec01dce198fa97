using FedShield.Tensors;

namespace FedShield.Nn;

/// <summary>
/// A trainable tensor registered by a <see cref="Module"/>. Layers keep the handle and read
/// <see cref="Value"/> at each forward pass, because materialising the model moves the values into
/// the model's single parameter buffer and replaces <see cref="Value"/> by a view into it.
/// </summary>
public sealed class Parameter
{
    internal Parameter(string name, int[] shape)
    {
        Name = name;
        int count = ShapeText.Count(shape, $"Parameter '{name}'");
        Value = Tensor.Wrap(new float[count], 0, shape);
        Value.RequiresGrad = true;
    }

    /// <summary>The name under which the owning module registered it (for example <c>weight</c>); the state name adds the module path.</summary>
    public string Name { get; }

    /// <summary>The extent of each axis.</summary>
    public ReadOnlySpan<int> Shape => Value.Shape;

    /// <summary>The number of elements.</summary>
    public int Count => Value.Count;

    /// <summary>
    /// The current values as a leaf tensor that requires a gradient. Before materialisation it has
    /// storage of its own; afterwards it is a view into the model's parameter buffer.
    /// </summary>
    public Tensor Value { get; private set; }

    /// <summary>The accumulated gradient (after materialisation a view into the model's gradient buffer), or null before any backward pass of an unmaterialised module.</summary>
    public Tensor? Grad => Value.Grad;

    /// <summary>Where this parameter starts in the root's parameter buffer, or −1 before materialisation.</summary>
    public int Offset { get; private set; } = -1;

    internal Tensor? GradView { get; private set; }

    // Copies the current values into the shared buffers and rebinds Value and Grad to views of them.
    internal void Bind(float[] values, float[] gradients, int offset)
    {
        Value.CopyTo(values.AsSpan(offset, Count));
        var shape = Value.Shape.ToArray();
        var view = Tensor.Wrap(values, offset, shape);
        view.RequiresGrad = true;
        GradView = Tensor.Wrap(gradients, offset, shape);
        view.Grad = GradView;
        Value = view;
        Offset = offset;
    }

    /// <summary>
    /// Overwrites the values (row-major) in place, outside autograd, like PyTorch's
    /// <c>with torch.no_grad(): p.copy_(...)</c>; in a materialised model this writes the shared buffer.
    /// </summary>
    /// <exception cref="ArgumentException">The number of values differs from <see cref="Count"/>.</exception>
    public void CopyFrom(ReadOnlySpan<float> values)
    {
        if (values.Length != Count)
        {
            throw new ArgumentException($"{this}: {values.Length} values given for {Count} elements.", nameof(values));
        }

        values.CopyTo(Value.Span);
    }

    /// <inheritdoc />
    public override string ToString() => $"Parameter {Name} {ShapeText.Format(Shape)}";
}
