using FedShield.Tensors.Autograd;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>Softmax along <paramref name="axis"/>, computed with the maximum subtracted for stability.</summary>
    public static Tensor Softmax(Tensor a, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(Softmax));
        var x = a.Contiguous();
        var y = SoftmaxCore(x, ax, log: false);
        return Tensor.ShouldRecord(x) ? y.Record(new SoftmaxNode(x, y, ax)) : y;
    }

    /// <summary>log(softmax(x)) along <paramref name="axis"/>, computed as x − max − log Σ e^(x − max).</summary>
    public static Tensor LogSoftmax(Tensor a, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(a);
        int ax = ShapeUtil.NormalizeAxis(axis, a.Rank, nameof(LogSoftmax));
        var x = a.Contiguous();
        var y = SoftmaxCore(x, ax, log: true);
        return Tensor.ShouldRecord(x) ? y.Record(new LogSoftmaxNode(x, y, ax)) : y;
    }

    private static Tensor SoftmaxCore(Tensor x, int axis, bool log)
    {
        var (outer, n, inner) = Split3(x.ShapeArray, axis);
        var y = Tensor.Empty(CloneShape(x));
        var src = x.ReadOnlySpan;
        var dst = y.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < inner; k++)
            {
                int b = (o * n * inner) + k;
                float max = float.NegativeInfinity;
                for (int j = 0; j < n; j++)
                {
                    max = MathF.Max(max, src[b + (j * inner)]);
                }

                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    sum += MathF.Exp(src[b + (j * inner)] - max);
                }

                if (log)
                {
                    float lse = max + (float)Math.Log(sum);
                    for (int j = 0; j < n; j++)
                    {
                        dst[b + (j * inner)] = src[b + (j * inner)] - lse;
                    }
                }
                else
                {
                    float inv = (float)(1.0 / sum);
                    for (int j = 0; j < n; j++)
                    {
                        dst[b + (j * inner)] = MathF.Exp(src[b + (j * inner)] - max) * inv;
                    }
                }
            }
        }

        return y;
    }
}

/// <summary>y = softmax(x): dx = y ⊙ (g − Σ g⊙y).</summary>
internal sealed class SoftmaxNode(Tensor x, Tensor y, int axis) : GradNode(x)
{
    public override string Name => "Softmax";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        // y is the recorded output, so the rule is differentiable through it when recording.
        var dot = Ops.Sum(Ops.Mul(g, y), [axis], keepDim: true);
        grads[0] = Ops.Mul(y, Ops.Sub(g, dot));
    }
}

/// <summary>y = log_softmax(x): dx = g − softmax(x) Σ g.</summary>
internal sealed class LogSoftmaxNode(Tensor x, Tensor y, int axis) : GradNode(x)
{
    public override string Name => "LogSoftmax";

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        var p = Ops.Exp(y);
        grads[0] = Ops.Sub(g, Ops.Mul(p, Ops.Sum(g, [axis], keepDim: true)));
    }
}
