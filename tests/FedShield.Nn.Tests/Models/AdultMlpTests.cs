using FedShield.Nn.Models;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Models;

public class AdultMlpTests
{
    [Fact]
    public void Forward_Batch_GivesOneLogitPerRow()
    {
        var model = new AdultMlp(new Random(1));
        Expect.Shape([4, 1], model.Forward(Tensor.Zeros(4, 105)));
    }

    [Fact]
    public void Forward_ConfiguredInputCount_IsHonoured()
    {
        var model = new AdultMlp(new Random(1), inputCount: 12);
        Assert.Equal(12, model.Fc1.InFeatures);
        Expect.Shape([2, 1], model.Forward(Tensor.Zeros(2, 12)));
    }

    [Fact]
    public void Forward_WrongFeatureCount_NamesLayerAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new AdultMlp(new Random(1)).Forward(Tensor.Zeros(8, 104)));
        Assert.Contains("Linear(105→48) given input (8, 104)", e.Message, StringComparison.Ordinal);
    }
}
