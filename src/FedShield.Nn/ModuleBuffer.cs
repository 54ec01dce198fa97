using FedShield.Tensors;

namespace FedShield.Nn;

/// <summary>
/// Non-trainable state registered by a <see cref="Module"/> (for example a batch-norm running mean):
/// part of the model's named state and of its saved files, but never given a gradient and never
/// touched by optimizers. After materialisation <see cref="Value"/> is a view into the model's
/// buffer array.
/// </summary>
public sealed class ModuleBuffer
{
    internal ModuleBuffer(string name, int[] shape)
    {
        Name = name;
        int count = ShapeText.Count(shape, $"Buffer '{name}'");
        Value = Tensor.Wrap(new float[count], 0, shape);
    }

    /// <summary>The name under which the owning module registered it (for example <c>running_mean</c>).</summary>
    public string Name { get; }

    /// <summary>The extent of each axis.</summary>
    public ReadOnlySpan<int> Shape => Value.Shape;

    /// <summary>The number of elements.</summary>
    public int Count => Value.Count;

    /// <summary>The current values (a tensor that does not require a gradient).</summary>
    public Tensor Value { get; private set; }

    /// <summary>Where this buffer starts in the root's buffer array, or −1 before materialisation.</summary>
    public int Offset { get; private set; } = -1;

    internal void Bind(float[] values, int offset)
    {
        Value.CopyTo(values.AsSpan(offset, Count));
        Value = Tensor.Wrap(values, offset, Value.Shape.ToArray());
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
    public override string ToString() => $"Buffer {Name} {ShapeText.Format(Shape)}";
}
