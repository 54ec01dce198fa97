using FedShield.Tensors.Autograd;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Picks along <paramref name="axis"/>: out[i…, j, k…] = a[i…, index[i…, j, k…], k…], where
    /// <paramref name="index"/> (row-major, of shape <paramref name="indexShape"/>) has a's rank and
    /// a's extents on every other axis. As torch.gather.
    /// </summary>
    public static Tensor Gather(Tensor a, int axis, int[] index, int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(indexShape);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Gather));
        CheckIndexShape(a.ShapeArray, ax, index, indexShape, nameof(Gather));
        var x = a.Contiguous();
        var (outer, n, inner) = Split3(x.ShapeArray, ax);
        int m = indexShape[ax];
        var y = Tensor.Empty((int[])indexShape.Clone());
        var src = x.ReadOnlySpan;
        var dst = y.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < inner; k++)
                {
                    int p = (((o * m) + j) * inner) + k;
                    dst[p] = src[(((o * n) + index[p]) * inner) + k];
                }
            }
        }

        return Tensor.ShouldRecord(x) ? y.Record(new GatherNode(x, ax, index)) : y;
    }

    /// <summary>
    /// The adjoint of <see cref="Gather"/>: a zero tensor of <paramref name="shape"/> into which
    /// each element of <paramref name="a"/> is added at the position its index names.
    /// </summary>
    public static Tensor ScatterAdd(Tensor a, int axis, int[] index, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(shape);
        int ax = ShapeUtil.NormalizeAxis(axis, shape.Length, nameof(ScatterAdd));
        CheckIndexShape(shape, ax, index, a.ShapeArray, nameof(ScatterAdd));
        var x = a.Contiguous();
        var (outer, n, inner) = Split3(shape, ax);
        int m = x.ShapeArray[ax];
        var y = Tensor.Zeros(shape);
        var src = x.ReadOnlySpan;
        var dst = y.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < inner; k++)
                {
                    int p = (((o * m) + j) * inner) + k;
                    dst[(((o * n) + index[p]) * inner) + k] += src[p];
                }
            }
        }

        return Tensor.ShouldRecord(x) ? y.Record(new ScatterAddNode(x, ax, index)) : y;
    }

    /// <summary>Selects whole slices along <paramref name="axis"/> by index (as torch.index_select; embeddings use axis 0).</summary>
    public static Tensor IndexSelect(Tensor a, int axis, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(indices);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(IndexSelect));
        var x = a.Contiguous();
        var (outer, n, inner) = Split3(x.ShapeArray, ax);
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"IndexSelect: index {i} is outside axis {ax} of size {n}.");
            }
        }

        var shape = CloneShape(x);
        shape[ax] = indices.Length;
        var y = Tensor.Empty(shape);
        var src = x.ReadOnlySpan;
        var dst = y.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < indices.Length; j++)
            {
                src.Slice(((o * n) + indices[j]) * inner, inner).CopyTo(dst.Slice(((o * indices.Length) + j) * inner, inner));
            }
        }

        return Tensor.ShouldRecord(x) ? y.Record(new IndexSelectNode(x, ax, indices)) : y;
    }

    /// <summary>The adjoint of <see cref="IndexSelect"/>: slices of <paramref name="a"/> added into a zero tensor of <paramref name="shape"/>.</summary>
    public static Tensor IndexAdd(Tensor a, int axis, int[] indices, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(shape);
        int ax = ShapeUtil.NormalizeAxis(axis, shape.Length, nameof(IndexAdd));
        var x = a.Contiguous();
        var (outer, n, inner) = Split3(shape, ax);
        var y = Tensor.Zeros(shape);
        var src = x.ReadOnlySpan;
        var dst = y.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < indices.Length; j++)
            {
                var d = dst.Slice(((o * n) + indices[j]) * inner, inner);
                Kernels.BinaryKernel.Run<Kernels.AddOp>(d, src.Slice(((o * indices.Length) + j) * inner, inner), d);
            }
        }

        return Tensor.ShouldRecord(x) ? y.Record(new IndexAddNode(x, ax, indices)) : y;
    }

    private static (int Outer, int N, int Inner) Split3(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1;
        for (int i = 0; i < axis; i++)
        {
            outer *= shape[i];
        }

        int inner = 1;
        for (int i = axis + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape[axis], inner);
    }

    private static void CheckIndexShape(int[] shape, int axis, int[] index, int[] indexShape, string op)
    {
        if (indexShape.Length != shape.Length)
        {
            throw new ArgumentException($"{op}: index shape {ShapeUtil.Format(indexShape)} must have the rank of {ShapeUtil.Format(shape)}.");
        }

        for (int i = 0; i < shape.Length; i++)
        {
            if (i != axis && indexShape[i] != shape[i])
            {
                throw new ArgumentException($"{op}: index shape {ShapeUtil.Format(indexShape)} differs from {ShapeUtil.Format(shape)} on axis {i}.");
            }
        }

        if (ShapeUtil.Count(indexShape) != index.Length)
        {
            throw new ArgumentException($"{op}: {index.Length} indices given for index shape {ShapeUtil.Format(indexShape)}.");
        }

        int n = shape[axis];
        foreach (int i in index)
        {
            if ((uint)i >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"{op}: index {i} is outside axis {axis} of size {n}.");
            }
        }
    }
}

internal sealed class GatherNode(Tensor x, int axis, int[] index) : GradNode(x)
{
    public override string Name => "Gather";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.ScatterAdd(g, axis, index, Ops.CloneShape(x));
}

internal sealed class ScatterAddNode(Tensor x, int axis, int[] index) : GradNode(x)
{
    public override string Name => "ScatterAdd";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Gather(g, axis, index, Ops.CloneShape(x));
}

internal sealed class IndexSelectNode(Tensor x, int axis, int[] indices) : GradNode(x)
{
    public override string Name => "IndexSelect";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.IndexAdd(g, axis, indices, Ops.CloneShape(x));
}

internal sealed class IndexAddNode(Tensor x, int axis, int[] indices) : GradNode(x)
{
    public override string Name => "IndexAdd";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.IndexSelect(g, axis, indices);
}
