using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

public sealed partial class Tensor
{
    private void CheckInPlace(string op)
    {
        if (RequiresGrad && GradMode.IsEnabled)
        {
            throw new InvalidOperationException($"{op}: in-place change of a tensor that requires a gradient while recording; wrap it in GradMode.NoGrad().");
        }

        if (!IsContiguous)
        {
            throw new InvalidOperationException($"{op}: in-place operations need a contiguous tensor; shape {ShapeUtil.Format(ShapeArray)} has strides {ShapeUtil.Format(StridesArray)}.");
        }
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void FillInPlace(float value)
    {
        CheckInPlace(nameof(FillInPlace));
        Span.Fill(value);
    }

    /// <summary>Adds <paramref name="other"/> (broadcast to this shape) times <paramref name="alpha"/> to this tensor.</summary>
    public void AddInPlace(Tensor other, float alpha = 1f)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckInPlace(nameof(AddInPlace));
        if (ShapeUtil.SameShape(other.ShapeArray, ShapeArray) && other.IsContiguous)
        {
            if (alpha == 1f)
            {
                BinaryKernel.Run<AddOp>(Span, other.ReadOnlySpan, Span);
            }
            else
            {
                FusedKernels.AxpyInPlace(Span, other.ReadOnlySpan, alpha);
            }

            return;
        }

        var broadcast = ShapeUtil.Broadcast(ShapeArray, other.ShapeArray, nameof(AddInPlace));
        if (!ShapeUtil.SameShape(broadcast, ShapeArray))
        {
            throw new ArgumentException($"AddInPlace: shape {ShapeUtil.Format(other.ShapeArray)} does not broadcast to {ShapeUtil.Format(ShapeArray)}.", nameof(other));
        }

        var expanded = Ops.Expand(other, ShapeArray).Contiguous();
        FusedKernels.AxpyInPlace(Span, expanded.ReadOnlySpan, alpha);
    }

    /// <summary>Multiplies every element by <paramref name="factor"/>.</summary>
    public void MulInPlace(float factor)
    {
        CheckInPlace(nameof(MulInPlace));
        BinaryKernel.Run<MulOp>(Span, factor, Span);
    }

    /// <summary>Copies <paramref name="source"/> (same element count, any shape) into this tensor.</summary>
    public void CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckInPlace(nameof(CopyFrom));
        if (source.Count != Count)
        {
            throw new ArgumentException($"CopyFrom: source has {source.Count} elements, this tensor {Count} (shape {ShapeUtil.Format(ShapeArray)}).", nameof(source));
        }

        source.CopyTo(Span);
    }

    /// <summary>Copies <paramref name="values"/> into this tensor.</summary>
    public void CopyFrom(ReadOnlySpan<float> values)
    {
        CheckInPlace(nameof(CopyFrom));
        if (values.Length != Count)
        {
            throw new ArgumentException($"CopyFrom: {values.Length} values given for a tensor of {Count} elements (shape {ShapeUtil.Format(ShapeArray)}).", nameof(values));
        }

        values.CopyTo(Span);
    }
}
