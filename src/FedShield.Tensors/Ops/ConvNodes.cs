using FedShield.Tensors.Autograd;

namespace FedShield.Tensors;

// A convolution is bilinear, y = B(x, w). Its two backward maps are B_xᵀ(g; w) (the input gradient)
// and B_wᵀ(g; x) (the weight gradient); each is bilinear again, and their derivatives are
// convolutions of the same three kinds, so gradients of any order stay within these ops.

/// <summary>y = conv2d(x, w) + bias.</summary>
internal sealed class Conv2dNode(Tensor x, Tensor w, Tensor? bias, int stride, int padding) : GradNode(bias is null ? [x, w] : [x, w, bias])
{
    public override string Name => "Conv2d";

    // One contiguous run of H'·W' per (image, channel), summed directly rather than axis by axis.
    private static Tensor BiasGradient(Tensor g)
    {
        var gc = g.Contiguous();
        int n = gc.ShapeArray[0];
        int o = gc.ShapeArray[1];
        int plane = gc.ShapeArray[2] * gc.ShapeArray[3];
        var gb = Tensor.Zeros(o);
        var src = gc.ReadOnlySpan;
        var dst = gb.Span;
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < o; f++)
            {
                dst[f] += System.Numerics.Tensors.TensorPrimitives.Sum(src.Slice(((b * o) + f) * plane, plane));
            }
        }

        return gb;
    }

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (x.RequiresGrad)
        {
            grads[0] = Ops.Conv2dBackwardInput(g, w, x.ShapeArray, stride, padding);
        }

        if (w.RequiresGrad)
        {
            grads[1] = Ops.Conv2dBackwardWeight(g, x, w.ShapeArray, stride, padding);
        }

        if (bias is { RequiresGrad: true })
        {
            // g: (N, O, H', W') summed over (N, H', W') -> (O)
            grads[2] = GradMode.IsEnabled ? Ops.Sum(g, [0, 2, 3]) : BiasGradient(g);
        }
    }
}

/// <summary>gx = B_xᵀ(g; w), of the input's shape.</summary>
internal sealed class Conv2dBackwardInputNode(Tensor g, Tensor w, int stride, int padding) : GradNode(g, w)
{
    public override string Name => "Conv2dBackwardInput";

    // h has the input's shape: ⟨h, B_xᵀ(g; w)⟩ = ⟨B(h, w), g⟩.
    public override void Backward(Tensor h, Span<Tensor?> grads)
    {
        if (g.RequiresGrad)
        {
            grads[0] = Ops.Conv2d(h, w, null, stride, padding);
        }

        if (w.RequiresGrad)
        {
            grads[1] = Ops.Conv2dBackwardWeight(g, h, w.ShapeArray, stride, padding);
        }
    }
}

/// <summary>gw = B_wᵀ(g; x), of the weight's shape.</summary>
internal sealed class Conv2dBackwardWeightNode(Tensor g, Tensor x, int stride, int padding) : GradNode(g, x)
{
    public override string Name => "Conv2dBackwardWeight";

    // k has the weight's shape: ⟨k, B_wᵀ(g; x)⟩ = ⟨B(x, k), g⟩.
    public override void Backward(Tensor k, Span<Tensor?> grads)
    {
        if (g.RequiresGrad)
        {
            grads[0] = Ops.Conv2d(x, k, null, stride, padding);
        }

        if (x.RequiresGrad)
        {
            grads[1] = Ops.Conv2dBackwardInput(g, k, x.ShapeArray, stride, padding);
        }
    }
}
