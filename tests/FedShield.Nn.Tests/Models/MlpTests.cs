using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Models;

public class MlpTests
{
    [Fact]
    public void Construction_TwoHiddenLayers_HasExpectedStateAndParameterCount()
    {
        var model = new Mlp(new Random(1), 20, [16, 8], 3);
        Assert.True(model.IsMaterialized);

        // (20·16 + 16) + (16·8 + 8) + (8·3 + 3) = 336 + 136 + 27.
        Assert.Equal(499, model.ParameterCount);
        Assert.Equal(0, model.BufferCount);
        Assert.Equal(
            ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"],
            model.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal([16, 20], model.Layers[0].Weight.Shape.ToArray());
        Assert.Equal(499 - 3, model.Layers[2].Bias!.Offset);
    }

    [Fact]
    public void Construction_NoHiddenLayer_IsOneLinearMap()
    {
        var model = new Mlp(new Random(1), 5, [], 2);
        Assert.Single(model.Layers);
        Assert.Equal((5 * 2) + 2, model.ParameterCount);
        Assert.Equal("Mlp(5→2)", model.ToString());
    }

    [Fact]
    public void Forward_Images_FlattensAndGivesOneLogitPerClass()
    {
        var model = new Mlp(new Random(1), 1 * 4 * 4, [6], 10);
        var y = model.Forward(Tensor.Uniform(new Random(2), 0f, 1f, 3, 1, 4, 4));
        Expect.Shape([3, 10], y);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Forward_SameSeed_GivesSameWeights()
    {
        var a = new Mlp(new Random(7), 4, [3], 2).ParameterBuffer.ToArray();
        var b = new Mlp(new Random(7), 4, [3], 2).ParameterBuffer.ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Forward_WrongFeatureCount_NamesModelAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new Mlp(new Random(1), 6, [4], 2).Forward(Tensor.Zeros(2, 5)));
        Assert.Contains("Mlp(6→4→2) given input (2, 5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_NonPositiveWidth_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(new Random(1), 6, [4, 0], 2));
        Assert.Contains("hidden layer 2 has width 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(new Random(1), 0, [4], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(new Random(1), 6, [4], 0));
    }

    [Fact]
    public void Backward_FillsEveryGradientSlot()
    {
        var model = new Mlp(new Random(1), 4, [5], 3);
        var x = Tensor.Uniform(new Random(3), -1f, 1f, 6, 4);
        new CrossEntropyLoss().Forward(model.Forward(x), [0, 1, 2, 0, 1, 2]).Backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad!.ToArray().Any(g => g != 0f), $"{name} received no gradient");
        }
    }
}
