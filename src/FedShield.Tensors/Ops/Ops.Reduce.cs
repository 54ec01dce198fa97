using System.Numerics.Tensors;
using FedShield.Tensors.Autograd;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>The sum of all elements (a scalar).</summary>
    public static Tensor Sum(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var x = a.Contiguous();
        var y = Tensor.Empty([]);
        y.Span[0] = TensorPrimitives.Sum(x.ReadOnlySpan);
        return Tensor.ShouldRecord(x) ? y.Record(new SumNode(x, [])) : y;
    }

    /// <summary>Sums over <paramref name="axes"/>; with <paramref name="keepDim"/> reduced axes stay with extent 1.</summary>
    public static Tensor Sum(Tensor a, int[] axes, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(axes);
        var x = a.Contiguous();
        var reduce = new bool[x.Rank];
        foreach (int axis in axes)
        {
            reduce[ShapeUtil.NormalizeAxis(axis, x.Rank, nameof(Sum))] = true;
        }

        var kept = SumKeep(x, reduce);
        var y = keepDim ? kept : DropAxes(kept, reduce);
        return Tensor.ShouldRecord(x) ? y.Record(new SumNode(x, reduce)) : y;
    }

    /// <summary>Sums over one axis.</summary>
    public static Tensor Sum(Tensor a, int axis, bool keepDim = false) => Sum(a, [axis], keepDim);

    /// <summary>The mean of all elements.</summary>
    public static Tensor Mean(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Mul(Sum(a), 1f / a.Count);
    }

    /// <summary>The mean over <paramref name="axes"/>.</summary>
    public static Tensor Mean(Tensor a, int[] axes, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(axes);
        long n = 1;
        foreach (int axis in axes)
        {
            n *= a.ShapeArray[ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Mean))];
        }

        return Mul(Sum(a, axes, keepDim), 1f / n);
    }

    /// <summary>The mean over one axis.</summary>
    public static Tensor Mean(Tensor a, int axis, bool keepDim = false) => Mean(a, [axis], keepDim);

    /// <summary>
    /// The variance over <paramref name="axes"/>; <paramref name="unbiased"/> divides by n − 1
    /// (PyTorch's default), otherwise by n.
    /// </summary>
    public static Tensor Var(Tensor a, int[] axes, bool unbiased = true, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(axes);
        long n = 1;
        foreach (int axis in axes)
        {
            n *= a.ShapeArray[ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Var))];
        }

        var centred = Sub(a, Mean(a, axes, keepDim: true));
        var ss = Sum(Mul(centred, centred), axes, keepDim);
        return Mul(ss, 1f / (unbiased ? Math.Max(n - 1, 1) : n));
    }

    /// <summary>The variance over one axis.</summary>
    public static Tensor Var(Tensor a, int axis, bool unbiased = true, bool keepDim = false) => Var(a, [axis], unbiased, keepDim);

    /// <summary>The maximum over <paramref name="axis"/>; the gradient flows to the first maximal element.</summary>
    public static Tensor Max(Tensor a, int axis, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Max));
        var idx = ArgMaxKeep(a.Contiguous(), ax);
        var y = Gather(a, ax, idx, IndexShape(a, ax));
        return keepDim ? y : Squeeze(y, ax);
    }

    /// <summary>The maximum of all elements.</summary>
    public static Tensor Max(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Max(Reshape(a, -1), 0);
    }

    /// <summary>The index of the (first) maximum along <paramref name="axis"/>, row-major over the other axes.</summary>
    public static int[] ArgMax(Tensor a, int axis)
    {
        ArgumentNullException.ThrowIfNull(a);
        return ArgMaxKeep(a.Contiguous(), ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(ArgMax)));
    }

    /// <summary>Sums <paramref name="a"/> down to <paramref name="shape"/>, undoing a broadcast (the adjoint of <see cref="Expand"/>).</summary>
    public static Tensor SumTo(Tensor a, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(shape);
        if (ShapeUtil.SameShape(a.ShapeArray, shape))
        {
            return a;
        }

        int lead = a.Rank - shape.Length;
        if (lead < 0)
        {
            throw new ArgumentException($"SumTo: cannot reduce {ShapeUtil.Format(a.ShapeArray)} to the larger rank of {ShapeUtil.Format(shape)}.");
        }

        var axes = new List<int>();
        for (int i = 0; i < a.Rank; i++)
        {
            if (i < lead)
            {
                axes.Add(i);
            }
            else if (shape[i - lead] == 1 && a.ShapeArray[i] != 1)
            {
                axes.Add(i);
            }
            else if (shape[i - lead] != a.ShapeArray[i])
            {
                throw new ArgumentException($"SumTo: {ShapeUtil.Format(a.ShapeArray)} is not a broadcast of {ShapeUtil.Format(shape)}.");
            }
        }

        var summed = axes.Count == 0 ? a : Sum(a, [.. axes], keepDim: true);
        return Reshape(summed, shape);
    }

    // Sums the flagged axes of a contiguous tensor, keeping them with extent 1. Axes are reduced
    // one at a time as (outer, n, inner) blocks, so each pass is a row sum or a vector accumulation.
    private static Tensor SumKeep(Tensor x, bool[] reduce)
    {
        var current = x;
        var shape = CloneShape(x);
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (!reduce[axis] || shape[axis] == 1)
            {
                continue;
            }

            int outer = 1;
            for (int i = 0; i < axis; i++)
            {
                outer *= shape[i];
            }

            int n = shape[axis];
            int inner = 1;
            for (int i = axis + 1; i < shape.Length; i++)
            {
                inner *= shape[i];
            }

            shape[axis] = 1;
            var next = Tensor.Empty((int[])shape.Clone());
            var src = current.ReadOnlySpan;
            var dst = next.Span;
            for (int o = 0; o < outer; o++)
            {
                if (inner == 1)
                {
                    dst[o] = TensorPrimitives.Sum(src.Slice(o * n, n));
                    continue;
                }

                var acc = dst.Slice(o * inner, inner);
                if (n == 0)
                {
                    acc.Clear();
                    continue;
                }

                src.Slice(o * n * inner, inner).CopyTo(acc);
                for (int k = 1; k < n; k++)
                {
                    BinaryKernel.Run<AddOp>(acc, src.Slice(((o * n) + k) * inner, inner), acc);
                }
            }

            current = next;
        }

        if (ReferenceEquals(current, x))
        {
            current = new Tensor(x.Data, x.Offset, shape, ShapeUtil.ContiguousStrides(shape));
            TensorScope.Track(current);
        }

        return current;
    }

    private static Tensor DropAxes(Tensor kept, bool[] reduce)
    {
        var shape = new List<int>();
        for (int i = 0; i < reduce.Length; i++)
        {
            if (!reduce[i])
            {
                shape.Add(kept.ShapeArray[i]);
            }
        }

        var y = new Tensor(kept.Data, kept.Offset, [.. shape], ShapeUtil.ContiguousStrides([.. shape]));
        TensorScope.Track(y);
        return y;
    }

    private static int[] IndexShape(Tensor a, int axis)
    {
        var shape = CloneShape(a);
        shape[axis] = 1;
        return shape;
    }

    private static int[] ArgMaxKeep(Tensor x, int axis)
    {
        var shape = x.ShapeArray;
        int n = shape[axis];
        if (n == 0)
        {
            throw new ArgumentException($"ArgMax: axis {axis} of {ShapeUtil.Format(shape)} is empty.");
        }

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

        var result = new int[outer * inner];
        var s = x.ReadOnlySpan;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < inner; j++)
            {
                int baseIdx = (o * n * inner) + j;
                int best = 0;
                float bestValue = s[baseIdx];
                for (int k = 1; k < n && !float.IsNaN(bestValue); k++)
                {
                    float v = s[baseIdx + (k * inner)];
                    if (v > bestValue || float.IsNaN(v))
                    {
                        best = k;
                        bestValue = v;
                    }
                }

                result[(o * inner) + j] = best;
            }
        }

        return result;
    }
}

/// <summary>y = sum of x over flagged axes (or all axes when none are flagged and y is a scalar).</summary>
internal sealed class SumNode(Tensor x, bool[] reduce) : GradNode(x)
{
    public override string Name => "Sum";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        var keptShape = Ops.CloneShape(x);
        if (reduce.Length == 0)
        {
            Array.Fill(keptShape, 1);
        }
        else
        {
            for (int i = 0; i < reduce.Length; i++)
            {
                if (reduce[i])
                {
                    keptShape[i] = 1;
                }
            }
        }

        grads[0] = Ops.BroadcastTo(Ops.Reshape(g, keptShape), Ops.CloneShape(x));
    }
}
