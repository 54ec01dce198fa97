using FedShield.Tensors.Autograd;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

// Backward rules of the element-wise operations. Each rule is written with tensor operations, so
// it is differentiable when the backward pass is recorded; where a fused kernel is faster, it is
// used only when recording is off.

/// <summary>y = a + sign·b.</summary>
internal sealed class AddNode(Tensor a, Tensor b, float sign) : GradNode(a, b)
{
    public override string Name => sign > 0 ? "Add" : "Sub";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (a.RequiresGrad)
        {
            grads[0] = Ops.SumTo(g, a.ShapeArray);
        }

        if (b.RequiresGrad)
        {
            var gb = Ops.SumTo(g, b.ShapeArray);
            grads[1] = sign > 0 ? gb : Ops.Neg(gb);
        }
    }
}

/// <summary>y = a·b.</summary>
internal sealed class MulNode(Tensor a, Tensor b) : GradNode(a, b)
{
    public override string Name => "Mul";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (a.RequiresGrad)
        {
            grads[0] = Ops.SumTo(Ops.Mul(g, b), a.ShapeArray);
        }

        if (b.RequiresGrad)
        {
            grads[1] = Ops.SumTo(Ops.Mul(g, a), b.ShapeArray);
        }
    }
}

/// <summary>y = a / b.</summary>
internal sealed class DivNode(Tensor a, Tensor b) : GradNode(a, b)
{
    public override string Name => "Div";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        var gOverB = Ops.Div(g, b);
        if (a.RequiresGrad)
        {
            grads[0] = Ops.SumTo(gOverB, a.ShapeArray);
        }

        if (b.RequiresGrad)
        {
            // d(a/b)/db = −a/b²
            grads[1] = Ops.SumTo(Ops.Neg(Ops.Div(Ops.Mul(gOverB, a), b)), b.ShapeArray);
        }
    }
}

/// <summary>y = s·x + c (affine in x with a constant factor).</summary>
internal sealed class ScaleNode(Tensor x, float s) : GradNode(x)
{
    public override string Name => "Scale";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = s == 1f ? g : Ops.Mul(g, s);
}

/// <summary>y = x·mask for a constant mask (Abs via sign, Clamp via the inside mask).</summary>
internal sealed class MaskNode(Tensor x, Tensor mask) : GradNode(x)
{
    public override string Name => "Mask";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Mul(g, mask);
}

/// <summary>y = where(c, a, b) for a constant condition c.</summary>
internal sealed class SelectNode(Tensor a, Tensor b, Tensor condition) : GradNode(a, b)
{
    public override string Name => "Where";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        var zero = Tensor.Zeros();
        if (a.RequiresGrad)
        {
            grads[0] = Ops.SumTo(Ops.Where(condition, g, zero), a.ShapeArray);
        }

        if (b.RequiresGrad)
        {
            grads[1] = Ops.SumTo(Ops.Where(condition, zero, g), b.ShapeArray);
        }
    }
}

internal sealed class ExpNode(Tensor x, Tensor y) : GradNode(x)
{
    public override string Name => "Exp";

    // y is the recorded output, so the rule g·y is differentiable through it.
    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Mul(g, y);
}

internal sealed class LogNode(Tensor x) : GradNode(x)
{
    public override string Name => "Log";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.Div(g, x);
}

internal sealed class SqrtNode(Tensor x, Tensor y) : GradNode(x)
{
    public override string Name => "Sqrt";

    public override void Backward(Tensor g, Span<Tensor?> grads) =>
        grads[0] = Ops.Div(Ops.Mul(g, 0.5f), y);
}

internal sealed class PowNode(Tensor x, float p) : GradNode(x)
{
    public override string Name => "Pow";

    public override void Backward(Tensor g, Span<Tensor?> grads) =>
        grads[0] = p == 1f ? g : Ops.Mul(Ops.Mul(g, Ops.Pow(x, p - 1f)), p);
}

internal sealed class TanhNode(Tensor x, Tensor y) : GradNode(x)
{
    public override string Name => "Tanh";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (!GradMode.IsEnabled)
        {
            var r = Tensor.Empty(Ops.CloneShape(y));
            BinaryKernel.Run<TanhGradOp>(g.Contiguous().ReadOnlySpan, y.ReadOnlySpan, r.Span);
            grads[0] = r;
            return;
        }

        grads[0] = Ops.Mul(g, Ops.RSub(1f, Ops.Mul(y, y)));
    }
}

internal sealed class SigmoidNode(Tensor x, Tensor y) : GradNode(x)
{
    public override string Name => "Sigmoid";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (!GradMode.IsEnabled)
        {
            var r = Tensor.Empty(Ops.CloneShape(y));
            BinaryKernel.Run<SigmoidGradOp>(g.Contiguous().ReadOnlySpan, y.ReadOnlySpan, r.Span);
            grads[0] = r;
            return;
        }

        grads[0] = Ops.Mul(g, Ops.Mul(y, Ops.RSub(1f, y)));
    }
}

internal sealed class ReluNode(Tensor x) : GradNode(x)
{
    public override string Name => "Relu";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (!GradMode.IsEnabled)
        {
            var r = Tensor.Empty(Ops.CloneShape(x));
            BinaryKernel.Run<ReluGradOp>(g.Contiguous().ReadOnlySpan, x.ReadOnlySpan, r.Span);
            grads[0] = r;
            return;
        }

        grads[0] = Ops.Mul(g, Ops.Greater(x.Detach(), 0f));
    }
}

internal sealed class LeakyReluNode(Tensor x, float slope) : GradNode(x)
{
    public override string Name => "LeakyRelu";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (!GradMode.IsEnabled)
        {
            var r = Tensor.Empty(Ops.CloneShape(x));
            FusedKernels.LeakyReluGrad(g.Contiguous().ReadOnlySpan, x.ReadOnlySpan, slope, r.Span);
            grads[0] = r;
            return;
        }

        var factor = Ops.Add(Ops.Mul(Ops.Greater(x.Detach(), 0f), 1f - slope), slope);
        grads[0] = Ops.Mul(g, factor);
    }
}

internal sealed class BceWithLogitsNode(Tensor x, Tensor t) : GradNode(x, t)
{
    public override string Name => "BinaryCrossEntropyWithLogits";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (x.RequiresGrad)
        {
            grads[0] = Ops.Mul(g, Ops.Sub(Ops.Sigmoid(x), t));
        }

        if (t.RequiresGrad)
        {
            grads[1] = Ops.Neg(Ops.Mul(g, x));
        }
    }
}
