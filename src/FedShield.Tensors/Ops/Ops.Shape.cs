using FedShield.Tensors.Autograd;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>
    /// The same elements in a new shape (one extent may be −1 and is inferred). A view when the
    /// tensor is contiguous, otherwise a copy.
    /// </summary>
    public static Tensor Reshape(Tensor a, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        var resolved = ResolveShape(shape, a.Count, a.ShapeArray);
        var x = a.Contiguous();
        var y = new Tensor(x.Data, x.Offset, resolved, ShapeUtil.ContiguousStrides(resolved));
        TensorScope.Track(y);
        return Tensor.ShouldRecord(x) ? y.Record(new ReshapeNode(x)) : y;
    }

    /// <summary>Reorders the axes (a view): result axis i is input axis <paramref name="axes"/>[i].</summary>
    public static Tensor Permute(Tensor a, params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (axes.Length != a.Rank)
        {
            throw new ArgumentException($"Permute: {axes.Length} axes given for a tensor of rank {a.Rank} (shape {ShapeUtil.Format(a.ShapeArray)}).");
        }

        var shape = new int[axes.Length];
        var strides = new int[axes.Length];
        var seen = new bool[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            int ax = ShapeUtil.NormalizeAxis(axes[i], a.Rank, nameof(Permute));
            if (seen[ax])
            {
                throw new ArgumentException($"Permute: axis {ax} appears twice in ({string.Join(", ", axes)}).");
            }

            seen[ax] = true;
            shape[i] = a.ShapeArray[ax];
            strides[i] = a.StridesArray[ax];
        }

        var y = new Tensor(a.Data, a.Offset, shape, strides);
        TensorScope.Track(y);
        if (!Tensor.ShouldRecord(a))
        {
            return y;
        }

        var inverse = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            inverse[ShapeUtil.NormalizeAxis(axes[i], a.Rank, nameof(Permute))] = i;
        }

        return y.Record(new PermuteNode(a, inverse));
    }

    /// <summary>Swaps two axes (a view).</summary>
    public static Tensor Transpose(Tensor a, int axis0, int axis1)
    {
        ArgumentNullException.ThrowIfNull(a);
        var axes = new int[a.Rank];
        for (int i = 0; i < axes.Length; i++)
        {
            axes[i] = i;
        }

        int p = ShapeUtil.NormalizeAxis(axis0, a.Rank, nameof(Transpose));
        int q = ShapeUtil.NormalizeAxis(axis1, a.Rank, nameof(Transpose));
        (axes[p], axes[q]) = (axes[q], axes[p]);
        return Permute(a, axes);
    }

    /// <summary>
    /// Elements [<paramref name="start"/>, start + <paramref name="length"/>) along
    /// <paramref name="axis"/> (a view; contiguous when the axis is the first).
    /// </summary>
    public static Tensor Narrow(Tensor a, int axis, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Narrow));
        if (start < 0 || length < 0 || start + length > a.ShapeArray[ax])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: range [{start}, {start + length}) is outside axis {ax} of size {a.ShapeArray[ax]}.");
        }

        var shape = CloneShape(a);
        shape[ax] = length;
        var y = new Tensor(a.Data, a.Offset + (start * a.StridesArray[ax]), shape, (int[])a.StridesArray.Clone());
        TensorScope.Track(y);
        return Tensor.ShouldRecord(a) ? y.Record(new NarrowNode(a, ax, start)) : y;
    }

    /// <summary>
    /// The adjoint of <see cref="Narrow"/>: a zero tensor of shape <paramref name="shape"/> with
    /// <paramref name="a"/> placed at [start, start + a.Size(axis)) along <paramref name="axis"/>.
    /// </summary>
    public static Tensor Place(Tensor a, int[] shape, int axis, int start)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(shape);
        var y = Tensor.Zeros(shape);
        var view = new Tensor(y.Data, y.Offset + (start * y.StridesArray[axis]), CloneShape(a), (int[])y.StridesArray.Clone());
        ScatterCopy(a.Contiguous().ReadOnlySpan, view);
        return Tensor.ShouldRecord(a) ? y.Record(new PlaceNode(a, axis, start)) : y;
    }

    /// <summary>Joins tensors along an existing axis; all other extents must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Concat: no tensors given.", nameof(tensors));
        }

        var first = tensors[0];
        int ax = ShapeUtil.NormalizeAxis(axis, first.Rank, nameof(Concat));
        var shape = CloneShape(first);
        shape[ax] = 0;
        bool record = false;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Rank)
            {
                throw new ArgumentException($"Concat: shapes {ShapeUtil.Format(first.ShapeArray)} and {ShapeUtil.Format(t.ShapeArray)} differ in rank.");
            }

            for (int i = 0; i < t.Rank; i++)
            {
                if (i != ax && t.ShapeArray[i] != first.ShapeArray[i])
                {
                    throw new ArgumentException($"Concat: shapes {ShapeUtil.Format(first.ShapeArray)} and {ShapeUtil.Format(t.ShapeArray)} differ on axis {i}.");
                }
            }

            shape[ax] += t.ShapeArray[ax];
            record |= Tensor.ShouldRecord(t);
        }

        var y = Tensor.Empty(shape);
        int start = 0;
        foreach (var t in tensors)
        {
            var view = new Tensor(y.Data, y.Offset + (start * y.StridesArray[ax]), CloneShape(t), (int[])y.StridesArray.Clone());
            ScatterCopy(t.Contiguous().ReadOnlySpan, view);
            start += t.ShapeArray[ax];
        }

        return record ? y.Record(new ConcatNode([.. tensors], ax)) : y;
    }

    /// <summary>Joins same-shaped tensors along a new axis.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Stack: no tensors given.", nameof(tensors));
        }

        int ax = axis < 0 ? axis + tensors[0].Rank + 1 : axis;
        var parts = new Tensor[tensors.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!ShapeUtil.SameShape(tensors[i].ShapeArray, tensors[0].ShapeArray))
            {
                throw new ArgumentException($"Stack: shapes {ShapeUtil.Format(tensors[0].ShapeArray)} and {ShapeUtil.Format(tensors[i].ShapeArray)} differ.");
            }

            parts[i] = Unsqueeze(tensors[i], ax);
        }

        return Concat(parts, ax);
    }

    /// <summary>Splits along <paramref name="axis"/> into pieces of the given sizes (views).</summary>
    public static Tensor[] Split(Tensor a, IReadOnlyList<int> sizes, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(sizes);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Split));
        int total = 0;
        foreach (int s in sizes)
        {
            total += s;
        }

        if (total != a.ShapeArray[ax])
        {
            throw new ArgumentException($"Split: sizes ({string.Join(", ", sizes)}) sum to {total}, but axis {ax} of {ShapeUtil.Format(a.ShapeArray)} has {a.ShapeArray[ax]}.");
        }

        var result = new Tensor[sizes.Count];
        int start = 0;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Narrow(a, ax, start, sizes[i]);
            start += sizes[i];
        }

        return result;
    }

    /// <summary>Inserts an axis of extent 1 at <paramref name="axis"/>.</summary>
    public static Tensor Unsqueeze(Tensor a, int axis)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = axis < 0 ? axis + a.Rank + 1 : axis;
        if (ax < 0 || ax > a.Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Unsqueeze: axis {axis} is out of range for rank {a.Rank}.");
        }

        var shape = new List<int>(a.ShapeArray);
        shape.Insert(ax, 1);
        return Reshape(a, [.. shape]);
    }

    /// <summary>Removes an axis of extent 1.</summary>
    public static Tensor Squeeze(Tensor a, int axis)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Squeeze));
        if (a.ShapeArray[ax] != 1)
        {
            throw new ArgumentException($"Squeeze: axis {ax} of {ShapeUtil.Format(a.ShapeArray)} has extent {a.ShapeArray[ax]}, not 1.");
        }

        var shape = new List<int>(a.ShapeArray);
        shape.RemoveAt(ax);
        return Reshape(a, [.. shape]);
    }

    /// <summary>Merges axes from <paramref name="startAxis"/> to the last into one.</summary>
    public static Tensor Flatten(Tensor a, int startAxis = 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = ShapeUtil.NormalizeAxis(startAxis, a.Rank, nameof(Flatten));
        var shape = new int[ax + 1];
        Array.Copy(a.ShapeArray, shape, ax);
        shape[ax] = -1;
        return Reshape(a, shape);
    }

    /// <summary>A view repeating axes of extent 1 (stride 0) up to <paramref name="shape"/>; leading axes may be added.</summary>
    public static Tensor Expand(Tensor a, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        var b = ShapeUtil.Broadcast(a.ShapeArray, shape, nameof(Expand));
        if (!ShapeUtil.SameShape(b, shape))
        {
            throw new ArgumentException($"Expand: shape {ShapeUtil.Format(a.ShapeArray)} cannot be expanded to {ShapeUtil.Format(shape)}.");
        }

        if (ShapeUtil.SameShape(a.ShapeArray, shape))
        {
            return a;
        }

        var strides = ShapeUtil.BroadcastStrides(a.ShapeArray, a.StridesArray, shape);
        var y = new Tensor(a.Data, a.Offset, (int[])shape.Clone(), strides);
        TensorScope.Track(y);
        return Tensor.ShouldRecord(a) ? y.Record(new ExpandNode(a)) : y;
    }

    /// <summary>A contiguous copy of <paramref name="a"/> broadcast to <paramref name="shape"/>.</summary>
    public static Tensor BroadcastTo(Tensor a, params int[] shape) => Expand(a, shape).Contiguous();

    internal static Tensor ContiguousCopy(Tensor a)
    {
        var y = Tensor.Empty(CloneShape(a));
        a.CopyTo(y.Span);
        return Tensor.ShouldRecord(a) ? y.Record(new CopyNode(a)) : y;
    }

    // Writes contiguous values into a (possibly strided) view, in row-major order.
    private static void ScatterCopy(ReadOnlySpan<float> source, Tensor view)
    {
        if (view.IsContiguous)
        {
            source.CopyTo(view.Span);
            return;
        }

        int rank = view.Rank;
        var shape = view.ShapeArray;
        var strides = view.StridesArray;
        Span<int> index = stackalloc int[rank];
        var data = view.Data;
        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int offset = view.Offset;
        for (int read = 0; read < source.Length; read += inner)
        {
            for (int j = 0; j < inner; j++)
            {
                data[offset + (j * innerStride)] = source[read + j];
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                offset += strides[axis];
                if (index[axis] < shape[axis])
                {
                    break;
                }

                offset -= strides[axis] * shape[axis];
                index[axis] = 0;
            }
        }
    }

    private static int[] ResolveShape(int[] shape, int count, int[] from)
    {
        var resolved = (int[])shape.Clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (infer >= 0)
                {
                    throw new ArgumentException($"Reshape: more than one −1 in {ShapeUtil.Format(shape)}.");
                }

                infer = i;
            }
            else if (resolved[i] < 0)
            {
                throw new ArgumentException($"Reshape: negative extent in {ShapeUtil.Format(shape)}.");
            }
            else
            {
                known *= resolved[i];
            }
        }

        if (infer >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw new ArgumentException($"Reshape: cannot reshape {ShapeUtil.Format(from)} ({count} elements) to {ShapeUtil.Format(shape)}.");
            }

            resolved[infer] = (int)(count / known);
        }
        else if (known != count)
        {
            throw new ArgumentException($"Reshape: cannot reshape {ShapeUtil.Format(from)} ({count} elements) to {ShapeUtil.Format(shape)} ({known} elements).");
        }

        return resolved;
    }
}

internal sealed class ReshapeNode(Tensor x) : GradNode(x)
{
    public override string Name => "Reshape";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Reshape(g, Ops.CloneShape(x));
}

internal sealed class CopyNode(Tensor x) : GradNode(x)
{
    public override string Name => "Contiguous";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = g;
}

internal sealed class PermuteNode(Tensor x, int[] inverse) : GradNode(x)
{
    public override string Name => "Permute";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Permute(g, inverse).Contiguous();
}

internal sealed class NarrowNode(Tensor x, int axis, int start) : GradNode(x)
{
    public override string Name => "Narrow";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Place(g, Ops.CloneShape(x), axis, start);
}

internal sealed class PlaceNode(Tensor x, int axis, int start) : GradNode(x)
{
    public override string Name => "Place";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Narrow(g, axis, start, x.ShapeArray[axis]).Contiguous();
}

internal sealed class ConcatNode(Tensor[] inputs, int axis) : GradNode(inputs)
{
    private readonly int[] _sizes = [.. inputs.Select(t => t.ShapeArray[axis])];

    public override string Name => "Concat";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        int start = 0;
        for (int i = 0; i < _sizes.Length; i++)
        {
            int len = _sizes[i];
            if (Input(i).RequiresGrad)
            {
                grads[i] = Ops.Narrow(g, axis, start, len).Contiguous();
            }

            start += len;
        }
    }
}

internal sealed class ExpandNode(Tensor x) : GradNode(x)
{
    public override string Name => "Expand";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.SumTo(g, x.ShapeArray);
}
