namespace FedShield.Tensors.Tests;

using static FedShield.Tensors.Ops;

public class ElementwiseGradTests
{
    private static Tensor R(int seed, float lo, float hi, params int[] shape) => Tensor.Uniform(new Random(seed), lo, hi, shape);

    [Fact]
    public void Add_Broadcast_GradientsSumOverBroadcastAxes() =>
        GradCheck.Check(x => Add(x[0], x[1]), [R(1, -1, 1, 3, 4), R(2, -1, 1, 4)]);

    [Fact]
    public void Sub_BroadcastBothSides_GradientsMatch() =>
        GradCheck.Check(x => Sub(x[0], x[1]), [R(1, -1, 1, 3, 1), R(2, -1, 1, 1, 5)]);

    [Fact]
    public void Mul_Broadcast_GradientsMatch() =>
        GradCheck.Check(x => Mul(x[0], x[1]), [R(3, -1, 1, 2, 3, 4), R(4, -1, 1, 3, 1)]);

    [Fact]
    public void Div_GradientsMatch() =>
        GradCheck.Check(x => Div(x[0], x[1]), [R(5, -1, 1, 3, 4), R(6, 0.5f, 2, 3, 4)]);

    [Fact]
    public void ScalarOps_GradientsMatch() =>
        GradCheck.Check(x => (2f - (x[0] * 3f)) / 4f + (1f / (x[0] + 3f)), [R(7, -1, 1, 5)]);

    [Fact]
    public void NodeUsedTwice_GradientsAccumulate() =>
        GradCheck.Check(x => Mul(Tanh(x[0]), Add(x[0], Sigmoid(x[0]))), [R(8, -1, 1, 2, 3)]);

    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("sqrt")]
    [InlineData("pow")]
    [InlineData("abs")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("leakyrelu")]
    [InlineData("clamp")]
    public void Unary_GradientsMatch(string op)
    {
        // Values kept away from 0 so kinks (abs, relu, clamp bounds at ±0.5) are not straddled.
        var x = R(9, 0.2f, 1.5f, 3, 5);
        var s = x.Span;
        for (int i = 0; i < s.Length; i += 2)
        {
            s[i] = -s[i];
        }

        bool positive = op is "log" or "sqrt" or "pow";
        if (positive)
        {
            x = Abs(x);
        }

        GradCheck.Check(t => Apply(op, t[0]), [x], eps: 1e-3);
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("sqrt")]
    [InlineData("pow")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void Unary_HessianVectorMatches(string op)
    {
        var x = R(10, 0.3f, 1.5f, 2, 4);
        GradCheck.CheckHessianVector(t => Apply(op, t[0]), [x], eps: 1e-3);
    }

    [Fact]
    public void Where_GradientsGoToTheChosenSide()
    {
        var cond = Tensor.FromArray([1, 0, 1, 0, 0, 1], 2, 3);
        GradCheck.Check(x => Where(cond, x[0], x[1]), [R(11, -1, 1, 2, 3), R(12, -1, 1, 3)]);
    }

    [Fact]
    public void MaximumMinimum_GradientsMatch() =>
        GradCheck.Check(x => Add(Maximum(x[0], x[1]), Minimum(x[0], x[1])), [R(13, -1, 1, 4, 3), R(14, -1, 1, 4, 3)], eps: 1e-3);

    [Fact]
    public void BceWithLogits_GradientAndHessianMatch()
    {
        var targets = Tensor.FromArray([0, 1, 1, 0, 1, 0], 2, 3);
        GradCheck.Check(x => BinaryCrossEntropyWithLogits(x[0], targets), [R(15, -3, 3, 2, 3)]);
        GradCheck.CheckHessianVector(x => BinaryCrossEntropyWithLogits(x[0], targets), [R(15, -3, 3, 2, 3)]);
    }

    [Fact]
    public void BceWithLogits_LargeLogits_StayFinite()
    {
        var y = BinaryCrossEntropyWithLogits(Tensor.FromArray([100f, -100f], 2), Tensor.FromArray([0f, 1f], 2)).ToArray();
        Assert.Equal(100f, y[0], 3);
        Assert.Equal(100f, y[1], 3);
    }

    [Fact]
    public void Add_IncompatibleShapes_ErrorNamesOpAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Add(Tensor.Zeros(2, 3), Tensor.Zeros(4)));
        Assert.Contains("Add", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4,)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broadcast_General_MatchesElementwiseDefinition()
    {
        var a = R(16, -1, 1, 2, 1, 4);
        var b = R(17, -1, 1, 3, 1);
        var y = Mul(a, b);
        Assert.Equal(new[] { 2, 3, 4 }, y.Shape.ToArray());
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(a[i, 0, k] * b[j, 0], y[i, j, k]);
                }
            }
        }
    }

    [Fact]
    public void Comparisons_ProduceZeroOneMasks()
    {
        var a = Tensor.FromArray([1, 2, 3], 3);
        var b = Tensor.FromArray([2, 2, 2], 3);
        Assert.Equal(new float[] { 0, 0, 1 }, Greater(a, b).ToArray());
        Assert.Equal(new float[] { 0, 1, 1 }, GreaterEqual(a, b).ToArray());
        Assert.Equal(new float[] { 1, 0, 0 }, Less(a, b).ToArray());
        Assert.Equal(new float[] { 1, 1, 0 }, LessEqual(a, b).ToArray());
        Assert.Equal(new float[] { 0, 1, 0 }, Equal(a, b).ToArray());
    }

    [Fact]
    public void Clamp_MinAboveMax_Throws() =>
        Assert.Throws<ArgumentException>(() => Clamp(Tensor.Zeros(2), 1f, 0f));

    private static Tensor Apply(string op, Tensor x) => op switch
    {
        "exp" => Exp(x),
        "log" => Log(x),
        "sqrt" => Sqrt(x),
        "pow" => Pow(x, 2.5f),
        "abs" => Abs(x),
        "tanh" => Tanh(x),
        "sigmoid" => Sigmoid(x),
        "relu" => Relu(x),
        "leakyrelu" => LeakyRelu(x, 0.1f),
        "clamp" => Clamp(x, -0.5f, 0.5f),
        _ => throw new ArgumentException(op),
    };
}
