using System.Runtime.Intrinsics;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests.Kernels;

/// <summary>
/// Every vectorised element-wise kernel against its own scalar body, at every length 0..256,
/// with a sentinel past the destination and an in-place (aliased) run. CI repeats these with
/// AVX-512 and AVX2 disabled, so each vector width is exercised.
/// </summary>
public class ElementwiseKernelTests
{
    private const float Sentinel = -12345.5f;

    public static TheoryData<string> BinaryOps => ["add", "sub", "mul", "div", "max", "min", "gt", "ge", "eq", "relugrad", "sigmoidgrad", "tanhgrad"];

    public static TheoryData<string> UnaryOps => ["neg", "abs", "relu", "sign", "sqrt"];

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryKernel_AllLengths_MatchesScalarAndLeavesSentinel(string op)
    {
        var rng = new Random(1);
        for (int n = 0; n <= 256; n++)
        {
            var x = Values(rng, n);
            var y = Values(rng, n);
            if (n > 2)
            {
                y[1] = x[1]; // equality and ties
            }

            var dest = new float[n + 1];
            dest[n] = Sentinel;
            RunBinary(op, x, y, dest.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                AssertSame(ScalarBinary(op, x[i], y[i]), dest[i], op, n, i);
            }

            Assert.Equal(Sentinel, dest[n]);

            // In place: destination aliases the first operand.
            var alias = (float[])x.Clone();
            RunBinary(op, alias, y, alias);
            for (int i = 0; i < n; i++)
            {
                AssertSame(dest[i], alias[i], op + " in place", n, i);
            }

            // Scalar right operand.
            var withScalar = new float[n + 1];
            withScalar[n] = Sentinel;
            RunBinaryScalar(op, x, 0.25f, withScalar.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                AssertSame(ScalarBinary(op, x[i], 0.25f), withScalar[i], op + " scalar", n, i);
            }

            Assert.Equal(Sentinel, withScalar[n]);
        }
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryKernel_AllLengths_MatchesScalarAndLeavesSentinel(string op)
    {
        var rng = new Random(2);
        for (int n = 0; n <= 256; n++)
        {
            var x = Values(rng, n);
            if (op == "sqrt")
            {
                for (int i = 0; i < n; i++)
                {
                    x[i] = Math.Abs(x[i]);
                }
            }

            var dest = new float[n + 1];
            dest[n] = Sentinel;
            RunUnary(op, x, dest.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                AssertSame(ScalarUnary(op, x[i]), dest[i], op, n, i);
            }

            Assert.Equal(Sentinel, dest[n]);
            var alias = (float[])x.Clone();
            RunUnary(op, alias, alias);
            for (int i = 0; i < n; i++)
            {
                AssertSame(dest[i], alias[i], op + " in place", n, i);
            }
        }
    }

    [Fact]
    public void Relu_NaN_StaysNaNLikePyTorch()
    {
        var x = Enumerable.Repeat(float.NaN, 37).ToArray();
        var d = new float[37];
        UnaryKernel.Run<ReluOp>(x, d);
        Assert.All(d, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void Maximum_NaNOperand_GivesNaNAtEveryWidth()
    {
        var x = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        var y = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? float.NaN : 5f).ToArray();
        var d = new float[40];
        BinaryKernel.Run<MaxOp>(x, y, d);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(i % 3 == 0, float.IsNaN(d[i]));
        }
    }

    [Fact]
    public void VectorWidths_DisabledByEnvironment_AreNotUsed()
    {
        // CI reruns the engine tests with these switches; this proves the switches took effect,
        // so the narrower vector paths really ran.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" || Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") == "0")
        {
            Assert.False(Vector512.IsHardwareAccelerated);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.False(Vector256.IsHardwareAccelerated);
            Assert.False(Vector512.IsHardwareAccelerated);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.False(Vector128.IsHardwareAccelerated);
        }
    }

    private static float[] Values(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 8) - 4)).ToArray();

    private static void AssertSame(float expected, float actual, string op, int n, int i)
    {
        if (float.IsNaN(expected))
        {
            Assert.True(float.IsNaN(actual), $"{op}: length {n}, element {i}: expected NaN, got {actual}");
            return;
        }

        Assert.True(expected == actual, $"{op}: length {n}, element {i}: expected {expected}, got {actual}");
    }

    private static float ScalarBinary(string op, float x, float y) => op switch
    {
        "add" => AddOp.Invoke(x, y),
        "sub" => SubOp.Invoke(x, y),
        "mul" => MulOp.Invoke(x, y),
        "div" => DivOp.Invoke(x, y),
        "max" => MaxOp.Invoke(x, y),
        "min" => MinOp.Invoke(x, y),
        "gt" => GreaterOp.Invoke(x, y),
        "ge" => GreaterOrEqualOp.Invoke(x, y),
        "eq" => EqualOp.Invoke(x, y),
        "relugrad" => ReluGradOp.Invoke(x, y),
        "sigmoidgrad" => SigmoidGradOp.Invoke(x, y),
        "tanhgrad" => TanhGradOp.Invoke(x, y),
        _ => throw new ArgumentException(op),
    };

    private static void RunBinary(string op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case "add": BinaryKernel.Run<AddOp>(x, y, d); break;
            case "sub": BinaryKernel.Run<SubOp>(x, y, d); break;
            case "mul": BinaryKernel.Run<MulOp>(x, y, d); break;
            case "div": BinaryKernel.Run<DivOp>(x, y, d); break;
            case "max": BinaryKernel.Run<MaxOp>(x, y, d); break;
            case "min": BinaryKernel.Run<MinOp>(x, y, d); break;
            case "gt": BinaryKernel.Run<GreaterOp>(x, y, d); break;
            case "ge": BinaryKernel.Run<GreaterOrEqualOp>(x, y, d); break;
            case "eq": BinaryKernel.Run<EqualOp>(x, y, d); break;
            case "relugrad": BinaryKernel.Run<ReluGradOp>(x, y, d); break;
            case "sigmoidgrad": BinaryKernel.Run<SigmoidGradOp>(x, y, d); break;
            case "tanhgrad": BinaryKernel.Run<TanhGradOp>(x, y, d); break;
            default: throw new ArgumentException(op);
        }
    }

    private static void RunBinaryScalar(string op, ReadOnlySpan<float> x, float y, Span<float> d)
    {
        switch (op)
        {
            case "add": BinaryKernel.Run<AddOp>(x, y, d); break;
            case "sub": BinaryKernel.Run<SubOp>(x, y, d); break;
            case "mul": BinaryKernel.Run<MulOp>(x, y, d); break;
            case "div": BinaryKernel.Run<DivOp>(x, y, d); break;
            case "max": BinaryKernel.Run<MaxOp>(x, y, d); break;
            case "min": BinaryKernel.Run<MinOp>(x, y, d); break;
            case "gt": BinaryKernel.Run<GreaterOp>(x, y, d); break;
            case "ge": BinaryKernel.Run<GreaterOrEqualOp>(x, y, d); break;
            case "eq": BinaryKernel.Run<EqualOp>(x, y, d); break;
            case "relugrad": BinaryKernel.Run<ReluGradOp>(x, y, d); break;
            case "sigmoidgrad": BinaryKernel.Run<SigmoidGradOp>(x, y, d); break;
            case "tanhgrad": BinaryKernel.Run<TanhGradOp>(x, y, d); break;
            default: throw new ArgumentException(op);
        }
    }

    private static float ScalarUnary(string op, float x) => op switch
    {
        "neg" => NegOp.Invoke(x),
        "abs" => AbsOp.Invoke(x),
        "relu" => ReluOp.Invoke(x),
        "sign" => SignOp.Invoke(x),
        "sqrt" => SqrtOp.Invoke(x),
        _ => throw new ArgumentException(op),
    };

    private static void RunUnary(string op, ReadOnlySpan<float> x, Span<float> d)
    {
        switch (op)
        {
            case "neg": UnaryKernel.Run<NegOp>(x, d); break;
            case "abs": UnaryKernel.Run<AbsOp>(x, d); break;
            case "relu": UnaryKernel.Run<ReluOp>(x, d); break;
            case "sign": UnaryKernel.Run<SignOp>(x, d); break;
            case "sqrt": UnaryKernel.Run<SqrtOp>(x, d); break;
            default: throw new ArgumentException(op);
        }
    }
}
