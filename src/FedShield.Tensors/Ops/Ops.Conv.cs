using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as torch.nn.functional.conv2d with dilation 1 and one
    /// group) of x (N, C, H, W) with weight (O, C, kH, kW) and optional bias (O) → (N, O, H', W'),
    /// where H' = (H + 2·padding − kH) / stride + 1 and likewise W'. Throws
    /// <see cref="ArgumentException"/> naming the shapes when channels or ranks disagree, and when
    /// stride, padding or kernel leave no output.
    /// </summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, int stride = 1, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        var g = ConvGeometryOf(x.ShapeArray, weight.ShapeArray, stride, padding, nameof(Conv2d));
        int n = x.ShapeArray[0];
        int o = weight.ShapeArray[0];
        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != o))
        {
            throw new ArgumentException($"Conv2d: bias shape {ShapeUtil.Format(bias.ShapeArray)} does not match weight shape {ShapeUtil.Format(weight.ShapeArray)}: expected ({o},).");
        }

        var xc = x.Contiguous();
        var wc = weight.Contiguous();
        var y = Tensor.Empty([n, o, g.OH, g.OW]);
        ConvKernels.Forward(
            xc.Data.AsSpan(xc.Offset, xc.Count),
            wc.Data.AsSpan(wc.Offset, wc.Count),
            bias is null ? default : bias.Contiguous().ReadOnlySpan,
            n,
            o,
            g,
            y.Span);
        bool record = Tensor.ShouldRecord(xc, wc) || (bias is not null && Tensor.ShouldRecord(bias));
        return record ? y.Record(new Conv2dNode(xc, wc, bias, stride, padding)) : y;
    }

    /// <summary>
    /// The input gradient of <see cref="Conv2d"/> (a transposed convolution): g (N, O, H', W') and
    /// weight (O, C, kH, kW) → (N, C, H, W) of <paramref name="inputShape"/>. Differentiable in both.
    /// </summary>
    internal static Tensor Conv2dBackwardInput(Tensor gradOutput, Tensor weight, int[] inputShape, int stride, int padding)
    {
        var g = ConvGeometryOf(inputShape, weight.ShapeArray, stride, padding, nameof(Conv2dBackwardInput));
        CheckGradOutput(gradOutput, inputShape[0], weight.ShapeArray[0], g, nameof(Conv2dBackwardInput));
        var gc = gradOutput.Contiguous();
        var wc = weight.Contiguous();
        var gx = Tensor.Empty((int[])inputShape.Clone());
        ConvKernels.BackwardInput(gc.Data.AsSpan(gc.Offset, gc.Count), wc.Data.AsSpan(wc.Offset, wc.Count), inputShape[0], weight.ShapeArray[0], g, gx.Span);
        return Tensor.ShouldRecord(gc, wc) ? gx.Record(new Conv2dBackwardInputNode(gc, wc, stride, padding)) : gx;
    }

    /// <summary>
    /// The weight gradient of <see cref="Conv2d"/>: g (N, O, H', W') and x (N, C, H, W) →
    /// (O, C, kH, kW) of <paramref name="weightShape"/>, summed over the batch. Differentiable in both.
    /// </summary>
    internal static Tensor Conv2dBackwardWeight(Tensor gradOutput, Tensor x, int[] weightShape, int stride, int padding)
    {
        var g = ConvGeometryOf(x.ShapeArray, weightShape, stride, padding, nameof(Conv2dBackwardWeight));
        CheckGradOutput(gradOutput, x.ShapeArray[0], weightShape[0], g, nameof(Conv2dBackwardWeight));
        var gc = gradOutput.Contiguous();
        var xc = x.Contiguous();
        var gw = Tensor.Empty((int[])weightShape.Clone());
        ConvKernels.BackwardWeight(gc.Data.AsSpan(gc.Offset, gc.Count), xc.Data.AsSpan(xc.Offset, xc.Count), x.ShapeArray[0], weightShape[0], g, gw.Span);
        return Tensor.ShouldRecord(gc, xc) ? gw.Record(new Conv2dBackwardWeightNode(gc, xc, stride, padding)) : gw;
    }

    private static ConvGeometry ConvGeometryOf(int[] xShape, int[] wShape, int stride, int padding, string op)
    {
        if (xShape.Length != 4 || wShape.Length != 4)
        {
            throw new ArgumentException($"{op}: input shape {ShapeUtil.Format(xShape)} must be (N, C, H, W) and weight shape {ShapeUtil.Format(wShape)} must be (O, C, kH, kW).");
        }

        if (xShape[1] != wShape[1])
        {
            throw new ArgumentException($"{op}: input shape {ShapeUtil.Format(xShape)} and weight shape {ShapeUtil.Format(wShape)} do not match: {xShape[1]} input channels vs {wShape[1]} in the weight.");
        }

        if (stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"{op}: stride {stride} must be positive.");
        }

        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"{op}: padding {padding} must not be negative.");
        }

        if (wShape[2] < 1 || wShape[3] < 1 || xShape[2] + (2 * padding) < wShape[2] || xShape[3] + (2 * padding) < wShape[3])
        {
            throw new ArgumentException($"{op}: kernel of weight shape {ShapeUtil.Format(wShape)} does not fit input shape {ShapeUtil.Format(xShape)} with padding {padding}: the output would be empty.");
        }

        return new ConvGeometry(xShape[1], xShape[2], xShape[3], wShape[2], wShape[3], stride, padding);
    }

    private static void CheckGradOutput(Tensor gradOutput, int n, int o, in ConvGeometry g, string op)
    {
        var s = gradOutput.ShapeArray;
        if (s.Length != 4 || s[0] != n || s[1] != o || s[2] != g.OH || s[3] != g.OW)
        {
            throw new ArgumentException($"{op}: output gradient shape {ShapeUtil.Format(s)} does not match the convolution's output shape {ShapeUtil.Format([n, o, g.OH, g.OW])}.");
        }
    }
}
