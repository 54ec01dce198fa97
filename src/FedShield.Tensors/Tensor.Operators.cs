namespace FedShield.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);

    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(Tensor a, float s) => Ops.Add(a, s);

    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(float s, Tensor a) => Ops.Add(a, s);

    /// <summary>Subtracts a constant.</summary>
    public static Tensor operator -(Tensor a, float s) => Ops.Add(a, -s);

    /// <summary>A constant minus the tensor.</summary>
    public static Tensor operator -(float s, Tensor a) => Ops.RSub(s, a);

    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(Tensor a, float s) => Ops.Mul(a, s);

    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(float s, Tensor a) => Ops.Mul(a, s);

    /// <summary>Divides by a constant.</summary>
    public static Tensor operator /(Tensor a, float s) => Ops.Mul(a, 1f / s);

    /// <summary>A constant divided by the tensor.</summary>
    public static Tensor operator /(float s, Tensor a) => Ops.RDiv(s, a);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => Ops.Neg(a);

    /// <summary>Same elements, new shape (see <see cref="Ops.Reshape"/>).</summary>
    public Tensor Reshape(params int[] shape) => Ops.Reshape(this, shape);

    /// <summary>Reordered axes (see <see cref="Ops.Permute"/>).</summary>
    public Tensor Permute(params int[] axes) => Ops.Permute(this, axes);

    /// <summary>Two axes swapped (a view).</summary>
    public Tensor Transpose(int axis0, int axis1) => Ops.Transpose(this, axis0, axis1);

    /// <summary>The transpose of a matrix (the last two axes swapped; a view).</summary>
    public Tensor T() => Ops.Transpose(this, -2, -1);

    /// <summary>Rows [start, start + length) along the first axis (a view).</summary>
    public Tensor Slice(int start, int length) => Ops.Narrow(this, 0, start, length);

    /// <summary>The sum of all elements.</summary>
    public Tensor Sum() => Ops.Sum(this);

    /// <summary>The mean of all elements.</summary>
    public Tensor Mean() => Ops.Mean(this);
}
