using System.Numerics.Tensors;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

/// <summary>
/// The tensor operations. Every operation validates its inputs (a shape mismatch names the
/// operation and both shapes), computes its result with vectorised kernels, and records a
/// <see cref="Autograd.GradNode"/> when an input requires a gradient and recording is on.
/// </summary>
public static partial class Ops
{
    /// <summary>Element-wise a + b with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var y = Binary<AddOp>(a, b, nameof(Add));
        return Tensor.ShouldRecord(a, b) ? y.Record(new AddNode(a, b, 1f)) : y;
    }

    /// <summary>Element-wise a − b with broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        var y = Binary<SubOp>(a, b, nameof(Sub));
        return Tensor.ShouldRecord(a, b) ? y.Record(new AddNode(a, b, -1f)) : y;
    }

    /// <summary>Element-wise a · b with broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        var y = Binary<MulOp>(a, b, nameof(Mul));
        return Tensor.ShouldRecord(a, b) ? y.Record(new MulNode(a, b)) : y;
    }

    /// <summary>Element-wise a / b with broadcasting.</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        var y = Binary<DivOp>(a, b, nameof(Div));
        return Tensor.ShouldRecord(a, b) ? y.Record(new DivNode(a, b)) : y;
    }

    /// <summary>a + s.</summary>
    public static Tensor Add(Tensor a, float s)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        BinaryKernel.Run<AddOp>(x.ReadOnlySpan, s, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new ScaleNode(x, 1f)) : y;
    }

    /// <summary>a · s.</summary>
    public static Tensor Mul(Tensor a, float s)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        BinaryKernel.Run<MulOp>(x.ReadOnlySpan, s, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new ScaleNode(x, s)) : y;
    }

    /// <summary>s − a.</summary>
    public static Tensor RSub(float s, Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        BinaryKernel.Run<SubOp>(s, x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new ScaleNode(x, -1f)) : y;
    }

    /// <summary>s / a.</summary>
    public static Tensor RDiv(float s, Tensor a) => Mul(Pow(a, -1f), s);

    /// <summary>−a.</summary>
    public static Tensor Neg(Tensor a) => Mul(a, -1f);

    /// <summary>Element-wise maximum (NaN if either is NaN); the gradient goes to a where a ≥ b, else to b.</summary>
    public static Tensor Maximum(Tensor a, Tensor b)
    {
        var y = Binary<MaxOp>(a, b, nameof(Maximum));
        return Tensor.ShouldRecord(a, b) ? y.Record(new SelectNode(a, b, GreaterEqual(a, b))) : y;
    }

    /// <summary>Element-wise minimum (NaN if either is NaN); the gradient goes to a where a ≤ b, else to b.</summary>
    public static Tensor Minimum(Tensor a, Tensor b)
    {
        var y = Binary<MinOp>(a, b, nameof(Minimum));
        return Tensor.ShouldRecord(a, b) ? y.Record(new SelectNode(a, b, GreaterEqual(b, a))) : y;
    }

    /// <summary>1 where a &gt; b, else 0 (not differentiable).</summary>
    public static Tensor Greater(Tensor a, Tensor b) => Binary<GreaterOp>(a, b, nameof(Greater));

    /// <summary>1 where a ≥ b, else 0 (not differentiable).</summary>
    public static Tensor GreaterEqual(Tensor a, Tensor b) => Binary<GreaterOrEqualOp>(a, b, nameof(GreaterEqual));

    /// <summary>1 where a &lt; b, else 0 (not differentiable).</summary>
    public static Tensor Less(Tensor a, Tensor b) => Binary<GreaterOp>(b, a, nameof(Less));

    /// <summary>1 where a ≤ b, else 0 (not differentiable).</summary>
    public static Tensor LessEqual(Tensor a, Tensor b) => Binary<GreaterOrEqualOp>(b, a, nameof(LessEqual));

    /// <summary>1 where a == b, else 0 (not differentiable).</summary>
    public static Tensor Equal(Tensor a, Tensor b) => Binary<EqualOp>(a, b, nameof(Equal));

    /// <summary>1 where a &gt; s, else 0.</summary>
    public static Tensor Greater(Tensor a, float s)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        BinaryKernel.Run<GreaterOp>(x.ReadOnlySpan, s, y.Span);
        return y;
    }

    /// <summary>
    /// Picks from <paramref name="a"/> where <paramref name="condition"/> is non-zero and from
    /// <paramref name="b"/> elsewhere, broadcasting all three. The condition is not differentiated.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.ShapeArray, a.ShapeArray, nameof(Where)), b.ShapeArray, nameof(Where));
        var c = Expand(condition, shape).Contiguous();
        var ae = Expand(a.Detach(), shape).Contiguous();
        var be = Expand(b.Detach(), shape).Contiguous();
        var y = Tensor.Empty(shape);
        var cs = c.ReadOnlySpan;
        var av = ae.ReadOnlySpan;
        var bv = be.ReadOnlySpan;
        var ys = y.Span;
        for (int i = 0; i < ys.Length; i++)
        {
            ys[i] = cs[i] != 0f ? av[i] : bv[i];
        }

        return Tensor.ShouldRecord(a, b) ? y.Record(new SelectNode(a, b, c)) : y;
    }

    /// <summary>Limits every element to [<paramref name="min"/>, <paramref name="max"/>]; the gradient passes where the input lies inside.</summary>
    public static Tensor Clamp(Tensor a, float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        if (min > max)
        {
            throw new ArgumentException($"Clamp: min {min} is greater than max {max}.");
        }

        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        BinaryKernel.Run<MaxOp>(x.ReadOnlySpan, min, y.Span);
        BinaryKernel.Run<MinOp>(y.ReadOnlySpan, max, y.Span);
        if (!Tensor.ShouldRecord(x))
        {
            return y;
        }

        // mask = 1 where min <= x <= max
        var mask = Tensor.Empty(CloneShape(x));
        var xs = x.ReadOnlySpan;
        var ms = mask.Span;
        for (int i = 0; i < xs.Length; i++)
        {
            ms[i] = xs[i] >= min && xs[i] <= max ? 1f : 0f;
        }

        return y.Record(new MaskNode(x, mask));
    }

    /// <summary>e^x.</summary>
    public static Tensor Exp(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        TensorPrimitives.Exp(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new ExpNode(x, y)) : y;
    }

    /// <summary>Natural logarithm (−∞ at 0, NaN below).</summary>
    public static Tensor Log(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        TensorPrimitives.Log(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new LogNode(x)) : y;
    }

    /// <summary>Square root.</summary>
    public static Tensor Sqrt(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        UnaryKernel.Run<SqrtOp>(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new SqrtNode(x, y)) : y;
    }

    /// <summary>x raised to a constant power.</summary>
    public static Tensor Pow(Tensor a, float exponent)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        if (exponent == 2f)
        {
            BinaryKernel.Run<MulOp>(x.ReadOnlySpan, x.ReadOnlySpan, y.Span);
        }
        else if (exponent == 1f)
        {
            x.ReadOnlySpan.CopyTo(y.Span);
        }
        else
        {
            TensorPrimitives.Pow(x.ReadOnlySpan, exponent, y.Span);
        }

        return Tensor.ShouldRecord(x) ? y.Record(new PowNode(x, exponent)) : y;
    }

    /// <summary>|x|; the gradient is sign(x) (0 at 0).</summary>
    public static Tensor Abs(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        UnaryKernel.Run<AbsOp>(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new MaskNode(x, Sign(x))) : y;
    }

    /// <summary>The sign of each element: −1, 0 or 1 (not differentiable).</summary>
    public static Tensor Sign(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        UnaryKernel.Run<SignOp>(x.ReadOnlySpan, y.Span);
        return y;
    }

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        TensorPrimitives.Tanh(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new TanhNode(x, y)) : y;
    }

    /// <summary>The logistic function 1 / (1 + e^−x).</summary>
    public static Tensor Sigmoid(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        TensorPrimitives.Sigmoid(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new SigmoidNode(x, y)) : y;
    }

    /// <summary>max(x, 0); the gradient at 0 is 0, as in PyTorch.</summary>
    public static Tensor Relu(Tensor a)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        UnaryKernel.Run<ReluOp>(x.ReadOnlySpan, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new ReluNode(x)) : y;
    }

    /// <summary>x where x &gt; 0, <paramref name="negativeSlope"/>·x elsewhere.</summary>
    public static Tensor LeakyRelu(Tensor a, float negativeSlope = 0.01f)
    {
        var x = a.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        FusedKernels.LeakyRelu(x.ReadOnlySpan, negativeSlope, y.Span);
        return Tensor.ShouldRecord(x) ? y.Record(new LeakyReluNode(x, negativeSlope)) : y;
    }

    /// <summary>
    /// Element-wise binary cross-entropy on logits, max(x, 0) − x·t + log(1 + e^−|x|), numerically
    /// stable; gradient (σ(x) − t) with respect to x and −x with respect to t.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!ShapeUtil.SameShape(logits.ShapeArray, targets.ShapeArray))
        {
            throw new ArgumentException($"BinaryCrossEntropyWithLogits: logits {ShapeUtil.Format(logits.ShapeArray)} and targets {ShapeUtil.Format(targets.ShapeArray)} differ in shape.");
        }

        var x = logits.Contiguous();
        var t = targets.Contiguous();
        var y = Tensor.Empty(CloneShape(x));
        var xs = x.ReadOnlySpan;
        var ts = t.ReadOnlySpan;
        var ys = y.Span;
        for (int i = 0; i < ys.Length; i++)
        {
            float v = xs[i];
            ys[i] = MathF.Max(v, 0f) - (v * ts[i]) + MathF.Log(1f + MathF.Exp(-MathF.Abs(v)));
        }

        return Tensor.ShouldRecord(x, t) ? y.Record(new BceWithLogitsNode(x, t)) : y;
    }

    internal static int[] CloneShape(Tensor t) => (int[])t.ShapeArray.Clone();

    /// <summary>Applies a binary operator with NumPy broadcasting.</summary>
    private static Tensor Binary<TOp>(Tensor a, Tensor b, string name)
        where TOp : struct, IBinaryOperator
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsContiguous && b.IsContiguous && ShapeUtil.SameShape(a.ShapeArray, b.ShapeArray))
        {
            var same = Tensor.Empty(CloneShape(a));
            BinaryKernel.Run<TOp>(a.ReadOnlySpan, b.ReadOnlySpan, same.Span);
            return same;
        }

        var shape = ShapeUtil.Broadcast(a.ShapeArray, b.ShapeArray, name);
        var y = Tensor.Empty(shape);
        var ys = y.Span;
        if (ys.Length == 0)
        {
            return y;
        }

        if (b.Count == 1 && a.IsContiguous && a.Count == ys.Length)
        {
            BinaryKernel.Run<TOp>(a.ReadOnlySpan, b.Data[b.Offset], ys);
            return y;
        }

        if (a.Count == 1 && b.IsContiguous && b.Count == ys.Length)
        {
            BinaryKernel.Run<TOp>(a.Data[a.Offset], b.ReadOnlySpan, ys);
            return y;
        }

        // General case: walk the output row by row (last axis), reading each operand through
        // broadcast strides; rows with unit stride use the vector kernels.
        int rank = shape.Length;
        var sa = ShapeUtil.BroadcastStrides(a.ShapeArray, a.StridesArray, shape);
        var sb = ShapeUtil.BroadcastStrides(b.ShapeArray, b.StridesArray, shape);
        int inner = shape[rank - 1];
        int ia = sa[rank - 1];
        int ib = sb[rank - 1];
        Span<int> index = stackalloc int[rank];
        int oa = a.Offset;
        int ob = b.Offset;
        float[] da = a.Data;
        float[] db = b.Data;
        for (int row = 0; row < ys.Length; row += inner)
        {
            var dst = ys.Slice(row, inner);
            if (ia == 1 && ib == 1)
            {
                BinaryKernel.Run<TOp>(da.AsSpan(oa, inner), db.AsSpan(ob, inner), dst);
            }
            else if (ia == 1 && ib == 0)
            {
                BinaryKernel.Run<TOp>(da.AsSpan(oa, inner), db[ob], dst);
            }
            else if (ia == 0 && ib == 1)
            {
                BinaryKernel.Run<TOp>(da[oa], db.AsSpan(ob, inner), dst);
            }
            else
            {
                for (int j = 0; j < inner; j++)
                {
                    dst[j] = TOp.Invoke(da[oa + (j * ia)], db[ob + (j * ib)]);
                }
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                oa += sa[axis];
                ob += sb[axis];
                if (index[axis] < shape[axis])
                {
                    break;
                }

                oa -= sa[axis] * shape[axis];
                ob -= sb[axis] * shape[axis];
                index[axis] = 0;
            }
        }

        return y;
    }
}
