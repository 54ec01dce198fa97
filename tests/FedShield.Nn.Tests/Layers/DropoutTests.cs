using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class DropoutTests
{
    [Fact]
    public void Forward_Training_ZeroesAboutPAndScalesSurvivors()
    {
        var dropout = new Dropout(new Random(4), 0.25);
        var y = dropout.Forward(Tensor.Full(2f, 100, 100)).ToArray();
        int zeros = y.Count(v => v == 0f);
        Assert.InRange(zeros, 2300, 2700);   // 10,000 · 0.25 ± 4.6σ
        Assert.All(y.Where(v => v != 0f), v => Assert.Equal(2f / 0.75f, v, 6));
    }

    [Fact]
    public void Forward_Eval_IsIdentity()
    {
        var dropout = new Dropout(new Random(4), 0.5);
        dropout.Eval();
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        Assert.Same(x, dropout.Forward(x));
    }

    [Fact]
    public void Forward_ProbabilityZero_IsIdentity_AndOne_IsZero()
    {
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        Assert.Same(x, new Dropout(new Random(1), 0).Forward(x));
        Expect.Close([0, 0, 0], new Dropout(new Random(1), 1).Forward(x));
    }

    [Fact]
    public void Forward_SameSeed_SameMask()
    {
        var a = new Dropout(new Random(8), 0.5).Forward(Tensor.Ones(64)).ToArray();
        var b = new Dropout(new Random(8), 0.5).Forward(Tensor.Ones(64)).ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Backward_GradientIsTheScaledMask()
    {
        var x = Tensor.Ones(32);
        x.RequiresGrad = true;
        var y = new Dropout(new Random(2), 0.5).Forward(x);
        y.Sum().Backward();
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Constructor_ProbabilityOutsideUnitInterval_Throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(new Random(1), p));
}
