using System.Runtime.CompilerServices;
using FedShield.Tensors.Autograd;

namespace FedShield.Tensors;

/// <summary>
/// A dense float32 tensor: row-major storage with a shape, strides and an offset into a shared
/// buffer, so reshapes, first-axis slices, transposes and permutations are views that copy nothing.
/// Operations live in <see cref="Ops"/> and as operators on this type; every operation on tensors
/// that require gradients is recorded for reverse-mode automatic differentiation.
/// </summary>
/// <remarks>
/// A tensor created while a <see cref="TensorScope"/> is active takes its storage from a pool and
/// is invalidated when the scope ends; reading it afterwards throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed partial class Tensor
{
    private float[]? _data;
    private readonly int[] _shape;
    private readonly int[] _strides;
    private readonly int _offset;
    private readonly int _count;
    private bool _requiresGrad;
    private Tensor? _grad;

    internal Tensor(float[] data, int offset, int[] shape, int[] strides)
    {
        _data = data;
        _offset = offset;
        _shape = shape;
        _strides = strides;
        _count = ShapeUtil.Count(shape);
        IsContiguous = ShapeUtil.IsContiguous(shape, strides);
    }

    internal Tensor(float[] data, int[] shape)
        : this(data, 0, shape, ShapeUtil.ContiguousStrides(shape))
    {
    }

    /// <summary>The extent of each axis.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The step, in elements, between neighbours along each axis.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>The number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (the product of the shape; 1 for a scalar).</summary>
    public int Count => _count;

    /// <summary>Whether the elements lie in row-major order with no gaps, so <see cref="Span"/> is available.</summary>
    public bool IsContiguous { get; }

    /// <summary>Whether gradients flow to this tensor. Only leaves (tensors not produced by a recorded operation) may be set.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (GradFn is not null && !value)
            {
                throw new InvalidOperationException("RequiresGrad cannot be cleared on a tensor produced by a recorded operation; use Detach().");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>True when this tensor was not produced by a recorded operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The node that produced this tensor, or null for a leaf.</summary>
    public GradNode? GradFn { get; private set; }

    /// <summary>
    /// The accumulated gradient of a leaf after <see cref="Backward"/>. It may be preset to a view
    /// into a larger buffer (a model's gradient buffer), in which case gradients accumulate into it.
    /// </summary>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            if (value is not null && !ShapeUtil.SameShape(value._shape, _shape))
            {
                throw new ArgumentException($"Grad: gradient shape {ShapeUtil.Format(value._shape)} does not match tensor shape {ShapeUtil.Format(_shape)}.", nameof(value));
            }

            _grad = value;
        }
    }

    /// <summary>The size of axis <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Size(int axis) => _shape[ShapeUtil.NormalizeAxis(axis, Rank, "Size")];

    internal float[] Data
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _data ?? throw Disposed();
    }

    internal int Offset => _offset;

    internal int[] ShapeArray => _shape;

    internal int[] StridesArray => _strides;

    /// <summary>The elements of a contiguous tensor, writable. Throws for a non-contiguous view (call <see cref="Contiguous"/> first).</summary>
    public Span<float> Span
    {
        get
        {
            if (!IsContiguous)
            {
                throw new InvalidOperationException($"Span: tensor of shape {ShapeUtil.Format(_shape)} with strides {ShapeUtil.Format(_strides)} is not contiguous; call Contiguous() first.");
            }

            return new Span<float>(Data, _offset, _count);
        }
    }

    /// <summary>The elements of a contiguous tensor, read-only.</summary>
    public ReadOnlySpan<float> ReadOnlySpan => Span;

    internal void SetGradFn(GradNode node)
    {
        GradFn = node;
        _requiresGrad = true;
    }

    internal void Invalidate() => _data = null;

    internal bool IsAlive => _data is not null;

    private static ObjectDisposedException Disposed() =>
        new(nameof(Tensor), "This tensor's storage belonged to a TensorScope that has ended; copy values out (ToArray, Item) before disposing the scope.");

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (_count != 1)
        {
            throw new InvalidOperationException($"Item: tensor of shape {ShapeUtil.Format(_shape)} has {_count} elements; expected exactly one.");
        }

        return Data[_offset];
    }

    /// <summary>The value at a multi-dimensional index.</summary>
    [IndexerName("Element")]
    public float this[params int[] index]
    {
        get => Data[FlatIndex(index)];
        set => Data[FlatIndex(index)] = value;
    }

    private int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException($"Indexer: got {index.Length} indices for a tensor of rank {Rank} (shape {ShapeUtil.Format(_shape)}).", nameof(index));
        }

        int flat = _offset;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"Indexer: index {index[i]} is outside axis {i} of size {_shape[i]}.");
            }

            flat += index[i] * _strides[i];
        }

        return flat;
    }

    /// <summary>Copies the elements, in row-major order, into a new array.</summary>
    public float[] ToArray()
    {
        var result = new float[_count];
        CopyTo(result);
        return result;
    }

    /// <summary>Copies the elements, in row-major order, into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < _count)
        {
            throw new ArgumentException($"CopyTo: destination holds {destination.Length} elements; {_count} needed.", nameof(destination));
        }

        if (IsContiguous)
        {
            new ReadOnlySpan<float>(Data, _offset, _count).CopyTo(destination);
            return;
        }

        Kernels.StridedCopy.Gather(Data, _offset, _shape, _strides, destination);
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor{ShapeUtil.Format(_shape)}{(RequiresGrad ? " requires_grad" : string.Empty)}{(GradFn is null ? string.Empty : " grad_fn=" + GradFn.Name)}";
}
