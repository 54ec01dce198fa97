using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Models;

public class MnistCnnTests
{
    [Fact]
    public void Construction_MaterialisesTheModel()
    {
        var model = new MnistCnn(new Random(1));
        Assert.True(model.IsMaterialized);
        Assert.Equal(0, model.Conv1.Weight.Offset);
        Assert.Equal(21_840 - 10, model.Fc2.Bias!.Offset);
    }

    [Fact]
    public void Forward_Batch_GivesTenLogitsPerImage()
    {
        var model = new MnistCnn(new Random(1));
        var y = model.Forward(Tensor.Uniform(new Random(2), 0f, 1f, 3, 1, 28, 28));
        Expect.Shape([3, 10], y);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Forward_WrongImageSize_NamesModelAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new MnistCnn(new Random(1)).Forward(Tensor.Zeros(2, 1, 32, 32)));
        Assert.Contains("MnistCnn given input (2, 1, 32, 32): expected (N, 1, 28, 28)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_FillsEveryGradientSlot()
    {
        var model = new MnistCnn(new Random(1));
        var x = Tensor.Uniform(new Random(3), 0f, 1f, 2, 1, 28, 28);
        new CrossEntropyLoss().Forward(model.Forward(x), [3, 7]).Backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad!.ToArray().Any(g => g != 0f), $"{name} received no gradient");
        }
    }
}
