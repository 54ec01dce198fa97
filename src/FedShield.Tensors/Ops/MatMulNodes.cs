using FedShield.Tensors.Autograd;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

/// <summary>y = a·b over the last two axes, batch axes broadcast.</summary>
internal sealed class MatMulNode(Tensor a, Tensor b) : GradNode(a, b)
{
    public override string Name => "MatMul";

    // Written with MatMul and transposed views, so the rule is itself differentiable.
    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        if (a.RequiresGrad)
        {
            // g: (…, M, N) · bᵀ: (…, N, K) -> (…, M, K), summed over axes a was broadcast along
            grads[0] = Ops.SumTo(Ops.MatMul(g, Ops.Transpose(b, -1, -2)), a.ShapeArray);
        }

        if (b.RequiresGrad)
        {
            int k = a.ShapeArray[^1];
            int n = b.ShapeArray[^1];
            if (b.Rank == 2 && a.Rank > 2)
            {
                // aᵀ: (K, B·M) · g: (B·M, N) -> (K, N): the batch sum happens inside one GEMM.
                var a2 = Ops.Reshape(a, -1, k);
                var g2 = Ops.Reshape(g, -1, n);
                grads[1] = Ops.MatMul(Ops.Transpose(a2, 0, 1), g2);
            }
            else
            {
                grads[1] = Ops.SumTo(Ops.MatMul(Ops.Transpose(a, -1, -2), g), b.ShapeArray);
            }
        }
    }
}

/// <summary>y = x·wᵀ + bias over the last axis of x.</summary>
internal sealed class LinearNode(Tensor x, Tensor w, Tensor? bias) : GradNode(bias is null ? [x, w] : [x, w, bias])
{
    public override string Name => "Linear";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        int outFeatures = w.ShapeArray[0];
        int inFeatures = w.ShapeArray[1];
        int rows = Ops.LeadingCount(x);
        if (GradMode.IsEnabled)
        {
            // Recorded backward (higher-order gradients): the same rules as differentiable ops.
            var g2 = Ops.Reshape(g, rows, outFeatures);
            if (x.RequiresGrad)
            {
                grads[0] = Ops.Reshape(Ops.MatMul(g2, w), Ops.CloneShape(x));
            }

            if (w.RequiresGrad)
            {
                grads[1] = Ops.MatMul(Ops.Transpose(g2, 0, 1), Ops.Reshape(x, rows, inFeatures));
            }

            if (bias is { RequiresGrad: true })
            {
                grads[2] = Ops.Sum(g2, 0);
            }

            return;
        }

        var gc = g.Contiguous();
        var gs = gc.Data.AsSpan(gc.Offset, gc.Count);
        if (x.RequiresGrad)
        {
            // g: (R, Out) · w: (Out, In) -> (R, In)
            var gx = Tensor.Empty(Ops.CloneShape(x));
            var (wData, wOffset, wTransposed, ldw) = Ops.MatrixOperand(w);
            Gemm.Run(false, wTransposed, rows, inFeatures, outFeatures, 1f, gs, Math.Max(outFeatures, 1), wData.AsSpan(wOffset), ldw, 0f, gx.Span, Math.Max(inFeatures, 1));
            grads[0] = gx;
        }

        if (w.RequiresGrad)
        {
            // gᵀ: (Out, R) · x: (R, In) -> (Out, In)
            var gw = Tensor.Empty(Ops.CloneShape(w));
            var xc = x.Contiguous();
            Gemm.Run(true, false, outFeatures, inFeatures, rows, 1f, gs, Math.Max(outFeatures, 1), xc.Data.AsSpan(xc.Offset, xc.Count), Math.Max(inFeatures, 1), 0f, gw.Span, Math.Max(inFeatures, 1));
            grads[1] = gw;
        }

        if (bias is { RequiresGrad: true })
        {
            var gb = Tensor.Zeros(outFeatures);
            var bs = gb.Span;
            for (int r = 0; r < rows; r++)
            {
                BinaryKernel.Run<AddOp>(bs, gs.Slice(r * outFeatures, outFeatures), bs);
            }

            grads[2] = gb;
        }
    }
}
