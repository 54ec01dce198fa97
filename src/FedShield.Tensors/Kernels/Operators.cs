using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>An element-wise function of two floats with scalar and vector bodies that agree exactly.</summary>
internal interface IBinaryOperator
{
    static abstract float Invoke(float x, float y);

    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>An element-wise function of one float.</summary>
internal interface IUnaryOperator
{
    static abstract float Invoke(float x);

    static abstract Vector128<float> Invoke(Vector128<float> x);

    static abstract Vector256<float> Invoke(Vector256<float> x);

    static abstract Vector512<float> Invoke(Vector512<float> x);
}

internal readonly struct AddOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x + y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x + y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;
}

internal readonly struct SubOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x - y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x - y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x - y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x - y;
}

internal readonly struct MulOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x * y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x * y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * y;
}

internal readonly struct DivOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x / y;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x / y;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x / y;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x / y;
}

/// <summary>The larger of two values; NaN if either is NaN (as torch.maximum).</summary>
internal readonly struct MaxOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => float.IsNaN(x) || float.IsNaN(y) ? float.NaN : (x > y ? x : y);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) =>
        Vector128.ConditionalSelect(Vector128.Equals(x, x) & Vector128.Equals(y, y), Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y), x + y);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, x) & Vector256.Equals(y, y), Vector256.ConditionalSelect(Vector256.GreaterThan(x, y), x, y), x + y);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, x) & Vector512.Equals(y, y), Vector512.ConditionalSelect(Vector512.GreaterThan(x, y), x, y), x + y);
}

/// <summary>The smaller of two values; NaN if either is NaN (as torch.minimum).</summary>
internal readonly struct MinOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => float.IsNaN(x) || float.IsNaN(y) ? float.NaN : (x < y ? x : y);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) =>
        Vector128.ConditionalSelect(Vector128.Equals(x, x) & Vector128.Equals(y, y), Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y), x + y);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, x) & Vector256.Equals(y, y), Vector256.ConditionalSelect(Vector256.LessThan(x, y), x, y), x + y);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, x) & Vector512.Equals(y, y), Vector512.ConditionalSelect(Vector512.LessThan(x, y), x, y), x + y);
}

/// <summary>1 where x &gt; y, else 0.</summary>
internal readonly struct GreaterOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x > y ? 1f : 0f;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, y) & Vector128<float>.One;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y) & Vector256<float>.One;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y) & Vector512<float>.One;
}

/// <summary>1 where x &gt;= y, else 0.</summary>
internal readonly struct GreaterOrEqualOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x >= y ? 1f : 0f;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThanOrEqual(x, y) & Vector128<float>.One;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThanOrEqual(x, y) & Vector256<float>.One;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThanOrEqual(x, y) & Vector512<float>.One;
}

/// <summary>1 where x == y, else 0.</summary>
internal readonly struct EqualOp : IBinaryOperator
{
    public static float Invoke(float x, float y) => x == y ? 1f : 0f;

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Equals(x, y) & Vector128<float>.One;

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Equals(x, y) & Vector256<float>.One;

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Equals(x, y) & Vector512<float>.One;
}

/// <summary>g where x &gt; 0, else 0: the ReLU backward rule fused.</summary>
internal readonly struct ReluGradOp : IBinaryOperator
{
    public static float Invoke(float g, float x) => x > 0f ? g : 0f;

    public static Vector128<float> Invoke(Vector128<float> g, Vector128<float> x) => Vector128.GreaterThan(x, Vector128<float>.Zero) & g;

    public static Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => Vector256.GreaterThan(x, Vector256<float>.Zero) & g;

    public static Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => Vector512.GreaterThan(x, Vector512<float>.Zero) & g;
}

/// <summary>g·y·(1 − y): the sigmoid backward rule fused, from the output y.</summary>
internal readonly struct SigmoidGradOp : IBinaryOperator
{
    public static float Invoke(float g, float y) => g * (y * (1f - y));

    public static Vector128<float> Invoke(Vector128<float> g, Vector128<float> y) => g * (y * (Vector128<float>.One - y));

    public static Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g * (y * (Vector256<float>.One - y));

    public static Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g * (y * (Vector512<float>.One - y));
}

/// <summary>g·(1 − y²): the tanh backward rule fused, from the output y.</summary>
internal readonly struct TanhGradOp : IBinaryOperator
{
    public static float Invoke(float g, float y) => g * (1f - (y * y));

    public static Vector128<float> Invoke(Vector128<float> g, Vector128<float> y) => g * (Vector128<float>.One - (y * y));

    public static Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - (y * y));

    public static Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g * (Vector512<float>.One - (y * y));
}

internal readonly struct NegOp : IUnaryOperator
{
    public static float Invoke(float x) => -x;

    public static Vector128<float> Invoke(Vector128<float> x) => -x;

    public static Vector256<float> Invoke(Vector256<float> x) => -x;

    public static Vector512<float> Invoke(Vector512<float> x) => -x;
}

internal readonly struct AbsOp : IUnaryOperator
{
    public static float Invoke(float x) => MathF.Abs(x);

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Abs(x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Abs(x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Abs(x);
}

/// <summary>max(x, 0), with ReLU(NaN) = NaN as in PyTorch.</summary>
internal readonly struct ReluOp : IUnaryOperator
{
    public static float Invoke(float x) => x > 0f || float.IsNaN(x) ? x : 0f;

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128<float>.Zero), Vector128<float>.Zero, x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.Zero, x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.Zero, x);
}

/// <summary>The sign: −1, 0 or 1 (0 at ±0; NaN stays NaN).</summary>
internal readonly struct SignOp : IUnaryOperator
{
    public static float Invoke(float x) => x > 0f ? 1f : x < 0f ? -1f : x;

    public static Vector128<float> Invoke(Vector128<float> x) =>
        (Vector128.GreaterThan(x, Vector128<float>.Zero) & Vector128<float>.One) - (Vector128.LessThan(x, Vector128<float>.Zero) & Vector128<float>.One) + (x - x);

    public static Vector256<float> Invoke(Vector256<float> x) =>
        (Vector256.GreaterThan(x, Vector256<float>.Zero) & Vector256<float>.One) - (Vector256.LessThan(x, Vector256<float>.Zero) & Vector256<float>.One) + (x - x);

    public static Vector512<float> Invoke(Vector512<float> x) =>
        (Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512<float>.One) - (Vector512.LessThan(x, Vector512<float>.Zero) & Vector512<float>.One) + (x - x);
}

internal readonly struct SqrtOp : IUnaryOperator
{
    public static float Invoke(float x) => MathF.Sqrt(x);

    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Sqrt(x);

    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Sqrt(x);

    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Sqrt(x);
}
