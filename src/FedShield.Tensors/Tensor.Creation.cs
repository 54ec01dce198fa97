namespace FedShield.Tensors;

public sealed partial class Tensor
{
    /// <summary>A tensor of the given shape with unspecified contents (pooled inside a <see cref="TensorScope"/>).</summary>
    internal static Tensor Empty(int[] shape)
    {
        var t = new Tensor(TensorScope.Rent(ShapeUtil.Count(shape)), shape);
        TensorScope.Track(t);
        return t;
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape)
    {
        var t = Empty((int[])shape.Clone());
        t.Span.Clear();
        return t;
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Empty((int[])shape.Clone());
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A zero-rank tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => Full(value);

    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape)
    {
        if (ShapeUtil.Count(shape) != values.Length)
        {
            throw new ArgumentException($"FromArray: {values.Length} values cannot fill shape {ShapeUtil.Format(shape)} ({ShapeUtil.Count(shape)} elements).", nameof(values));
        }

        var t = Empty((int[])shape.Clone());
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>
    /// A tensor that views the elements (as many as the shape holds) of <paramref name="buffer"/> starting at
    /// <paramref name="offset"/>, without copying: writes through either are seen by both. This is how a
    /// model's parameters live in one contiguous buffer.
    /// </summary>
    public static Tensor Wrap(float[] buffer, int offset, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        int count = ShapeUtil.Count(shape);
        if (offset < 0 || offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Wrap: elements [{offset}, {offset + count}) do not fit in a buffer of {buffer.Length}.");
        }

        return new Tensor(buffer, offset, (int[])shape.Clone(), ShapeUtil.ContiguousStrides(shape));
    }

    /// <summary>Uniform samples in [<paramref name="low"/>, <paramref name="high"/>) drawn from <paramref name="random"/>.</summary>
    public static Tensor Uniform(Random random, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = Empty((int[])shape.Clone());
        var s = t.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = low + ((high - low) * (float)random.NextDouble());
        }

        return t;
    }

    /// <summary>Normal samples with the given mean and standard deviation (Box–Muller) drawn from <paramref name="random"/>.</summary>
    public static Tensor Normal(Random random, float mean, float std, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = Empty((int[])shape.Clone());
        var s = t.Span;
        for (int i = 0; i < s.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            s[i] = mean + (std * (float)(r * Math.Cos(2 * Math.PI * u2)));
            if (i + 1 < s.Length)
            {
                s[i + 1] = mean + (std * (float)(r * Math.Sin(2 * Math.PI * u2)));
            }
        }

        return t;
    }

    /// <summary>A contiguous copy of this tensor that is not recorded by autograd and does not require a gradient.</summary>
    public Tensor Clone()
    {
        var t = Empty((int[])ShapeArray.Clone());
        CopyTo(t.Span);
        return t;
    }

    /// <summary>A copy whose storage is never pooled, so it outlives any <see cref="TensorScope"/>.</summary>
    internal Tensor CloneUnpooled()
    {
        var data = new float[Count];
        CopyTo(data);
        return new Tensor(data, (int[])ShapeArray.Clone());
    }

    /// <summary>This tensor if contiguous, otherwise a contiguous copy (recorded for autograd).</summary>
    public Tensor Contiguous() => IsContiguous ? this : Ops.ContiguousCopy(this);
}
