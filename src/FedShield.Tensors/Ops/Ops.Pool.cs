using System.Runtime.InteropServices;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D max pooling over (N, C, H, W) → (N, C, H', W') with square windows, H' = (H + 2·padding −
    /// kernelSize) / stride + 1. Stride 0 means the kernel size; padding (implicit −∞) may be at most
    /// half the kernel, as in PyTorch. The gradient goes to the first maximum of each window.
    /// </summary>
    public static Tensor MaxPool2d(Tensor x, int kernelSize, int stride = 0, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        var g = PoolGeometryOf(x.ShapeArray, kernelSize, stride, padding, nameof(MaxPool2d));
        var xc = x.Contiguous();
        int planes = x.ShapeArray[0] * x.ShapeArray[1];
        var shape = new[] { x.ShapeArray[0], x.ShapeArray[1], g.OH, g.OW };
        var y = Tensor.Empty(shape);

        // The argmax positions live in pooled float storage reinterpreted as int, so they are
        // released with the step's other tensors and never allocated per step.
        var indices = Tensor.Empty((int[])shape.Clone());
        PoolKernels.MaxPool2d(xc.Data.AsSpan(xc.Offset, xc.Count), planes, g, y.Span, MemoryMarshal.Cast<float, int>(indices.Span));
        return Tensor.ShouldRecord(xc) ? y.Record(new MaxPool2dNode(xc, indices)) : y;
    }

    /// <summary>
    /// 2-D average pooling over (N, C, H, W) → (N, C, H', W') with square windows; zero padding counts
    /// in the divisor (PyTorch's count_include_pad default), so every window divides by kernelSize².
    /// Stride 0 means the kernel size; padding may be at most half the kernel.
    /// </summary>
    public static Tensor AvgPool2d(Tensor x, int kernelSize, int stride = 0, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        var g = PoolGeometryOf(x.ShapeArray, kernelSize, stride, padding, nameof(AvgPool2d));
        var xc = x.Contiguous();
        int planes = x.ShapeArray[0] * x.ShapeArray[1];
        var y = Tensor.Empty([x.ShapeArray[0], x.ShapeArray[1], g.OH, g.OW]);
        PoolKernels.AvgPool2d(xc.Data.AsSpan(xc.Offset, xc.Count), planes, g, y.Span);
        return Tensor.ShouldRecord(xc) ? y.Record(new AvgPool2dNode(xc, g)) : y;
    }

    /// <summary>The adjoint of <see cref="AvgPool2d"/>: g (N, C, H', W') spread evenly over each window → (N, C, H, W).</summary>
    internal static Tensor AvgPool2dBackward(Tensor gradOutput, int[] inputShape, in ConvGeometry g)
    {
        var gc = gradOutput.Contiguous();
        var gx = Tensor.Empty((int[])inputShape.Clone());
        PoolKernels.AvgPool2dBackward(gc.Data.AsSpan(gc.Offset, gc.Count), inputShape[0] * inputShape[1], g, gx.Span);
        return Tensor.ShouldRecord(gc) ? gx.Record(new AvgPool2dBackwardNode(gc, g)) : gx;
    }

    /// <summary>A zero tensor of <paramref name="shape"/> with each element of <paramref name="a"/> added at the flat position <paramref name="indices"/> names.</summary>
    internal static Tensor ScatterAddFlat(Tensor a, Tensor indices, int[] shape)
    {
        var ac = a.Contiguous();
        var y = Tensor.Empty((int[])shape.Clone());
        PoolKernels.ScatterAdd(ac.Data.AsSpan(ac.Offset, ac.Count), MemoryMarshal.Cast<float, int>(indices.ReadOnlySpan), y.Span);
        return Tensor.ShouldRecord(ac) ? y.Record(new ScatterAddFlatNode(ac, indices)) : y;
    }

    /// <summary>The elements of <paramref name="a"/> at the flat positions <paramref name="indices"/> names, in the indices' shape.</summary>
    internal static Tensor GatherFlat(Tensor a, Tensor indices)
    {
        var ac = a.Contiguous();
        var y = Tensor.Empty(CloneShape(indices));
        PoolKernels.Gather(ac.Data.AsSpan(ac.Offset, ac.Count), MemoryMarshal.Cast<float, int>(indices.ReadOnlySpan), y.Span);
        return Tensor.ShouldRecord(ac) ? y.Record(new GatherFlatNode(ac, indices)) : y;
    }

    private static ConvGeometry PoolGeometryOf(int[] xShape, int kernelSize, int stride, int padding, string op)
    {
        if (xShape.Length != 4)
        {
            throw new ArgumentException($"{op}: input shape {ShapeUtil.Format(xShape)} must be (N, C, H, W).");
        }

        if (kernelSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"{op}: kernel size {kernelSize} must be positive.");
        }

        if (stride < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"{op}: stride {stride} must be positive (or 0 for the kernel size).");
        }

        if (padding < 0 || padding > kernelSize / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"{op}: padding {padding} must lie in [0, {kernelSize / 2}] (at most half the kernel size {kernelSize}).");
        }

        if (xShape[2] + (2 * padding) < kernelSize || xShape[3] + (2 * padding) < kernelSize)
        {
            throw new ArgumentException($"{op}: a {kernelSize}×{kernelSize} window does not fit input shape {ShapeUtil.Format(xShape)} with padding {padding}: the output would be empty.");
        }

        return new ConvGeometry(xShape[1], xShape[2], xShape[3], kernelSize, kernelSize, stride == 0 ? kernelSize : stride, padding);
    }
}
