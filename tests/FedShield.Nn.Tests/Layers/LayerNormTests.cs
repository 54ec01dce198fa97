using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class LayerNormTests
{
    [Fact]
    public void Forward_NormalisesEachRowOverLastAxis()
    {
        var ln = new LayerNorm(3);
        var y = ln.Forward(Tensor.FromArray([1f, 2f, 3f, 2f, 2f, 5f], 2, 3));
        double s0 = Math.Sqrt((2 / 3.0) + 1e-5);
        double s1 = Math.Sqrt(2 + 1e-5);   // row 2: mean 3, biased var (1 + 1 + 4) / 3
        Expect.Close([-1 / s0, 0, 1 / s0, -1 / s1, -1 / s1, 2 / s1], y);
    }

    [Fact]
    public void Forward_AppliesWeightAndBias()
    {
        var ln = new LayerNorm(2);
        ln.Weight!.CopyFrom([2f, 3f]);
        ln.Bias!.CopyFrom([1f, -1f]);
        var y = ln.Forward(Tensor.FromArray([0f, 4f], 1, 2));
        double s = Math.Sqrt(4 + 1e-5);
        Expect.Close([1 - (2 * 2 / s), -1 + (3 * 2 / s)], y);
    }

    [Fact]
    public void Forward_TwoTrailingAxes_NormalisesOverBoth()
    {
        var ln = new LayerNorm([2, 2], elementwiseAffine: false);
        Assert.Empty(ln.StateEntries());
        var y = ln.Forward(Tensor.FromArray([1f, 2f, 3f, 4f], 1, 2, 2));
        double s = Math.Sqrt(1.25 + 1e-5);
        Expect.Close([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s], y);
    }

    [Fact]
    public void Forward_WrongTrailingShape_NamesLayerAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new LayerNorm(4).Forward(Tensor.Zeros(2, 3)));
        Assert.Contains("LayerNorm((4,)) given input (2, 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradient_MatchesCentralDifferences()
    {
        var ln = new LayerNorm(4);
        ln.Weight!.CopyFrom([1f, -2f, 0.5f, 1.5f]);
        ln.Bias!.CopyFrom([0f, 0.1f, -0.2f, 0.3f]);
        var x = Tensor.Uniform(new Random(9), -1f, 1f, 3, 4);
        GradCheck.Check(t => ln.Forward(t[0]), [x, ln.Weight.Value, ln.Bias.Value]);
    }
}
