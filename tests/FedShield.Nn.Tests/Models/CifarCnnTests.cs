using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Models;

public class CifarCnnTests
{
    [Fact]
    public void Construction_ReferenceModel_HasDocumentedShapesAndParameterCount()
    {
        var model = new CifarCnn(new Random(1));
        Assert.True(model.IsMaterialized);
        Assert.Equal(0, model.BufferCount);

        // conv1 64·3·25+64, conv2 64·64·25+64, fc1 4096·384+384, fc2 384·192+192, fc3 192·10+10.
        Assert.Equal(4_864 + 102_464 + 1_573_248 + 73_920 + 1_930, model.ParameterCount);
        Assert.Equal(1_756_426, model.ParameterCount);
        var shapes = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Shape.ToArray());
        Assert.Equal(
            ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"],
            shapes.Keys.ToArray());
        Assert.Equal([64, 3, 5, 5], shapes["conv1.weight"]);
        Assert.Equal([64, 64, 5, 5], shapes["conv2.weight"]);
        Assert.Equal([384, 4096], shapes["fc1.weight"]);
        Assert.Equal([192, 384], shapes["fc2.weight"]);
        Assert.Equal([10, 192], shapes["fc3.weight"]);
        Assert.Equal(1_756_426 - 10, model.Fc3.Bias!.Offset);
    }

    [Fact]
    public void Forward_ReferenceModel_GivesTenLogitsPerImage()
    {
        var model = new CifarCnn(new Random(1));
        var y = model.Forward(Tensor.Uniform(new Random(2), 0f, 1f, 2, 3, 32, 32));
        Expect.Shape([2, 10], y);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Construction_FewerChannelsAndClasses_ScalesTheLayers()
    {
        var model = new CifarCnn(new Random(1), classCount: 4, channels: 2);
        Assert.Equal(128, model.Fc1.InFeatures);
        Assert.Equal(
            ((2 * 3 * 25) + 2) + ((2 * 2 * 25) + 2) + ((128 * 384) + 384) + ((384 * 192) + 192) + ((192 * 4) + 4),
            model.ParameterCount);
    }

    [Fact]
    public void Backward_SmallVariant_FillsEveryGradientSlot()
    {
        var model = new CifarCnn(new Random(1), classCount: 3, channels: 2);
        var x = Tensor.Uniform(new Random(3), 0f, 1f, 2, 3, 32, 32);
        var logits = model.Forward(x);
        Expect.Shape([2, 3], logits);
        new CrossEntropyLoss().Forward(logits, [2, 0]).Backward();
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.True(p.Grad!.ToArray().Any(g => g != 0f), $"{name} received no gradient");
        }
    }

    [Fact]
    public void Forward_WrongImageSize_NamesModelAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new CifarCnn(new Random(1), channels: 2).Forward(Tensor.Zeros(2, 1, 28, 28)));
        Assert.Contains("CifarCnn(channels 2) given input (2, 1, 28, 28): expected (N, 3, 32, 32)", e.Message, StringComparison.Ordinal);
    }
}
