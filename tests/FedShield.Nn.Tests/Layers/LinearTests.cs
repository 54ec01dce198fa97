using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class LinearTests
{
    [Fact]
    public void Forward_KnownWeights_ComputesAffineMap()
    {
        var layer = new Linear(2, 3, new Random(1));
        layer.Weight.CopyFrom([1f, 2f, 3f, 4f, 5f, 6f]);
        layer.Bias!.CopyFrom([1f, 0f, -1f]);
        var y = layer.Forward(Tensor.FromArray([1f, 1f, 2f, -1f], 2, 2));

        // [1, 1]·Wᵀ + b = [3+1, 7, 11−1]; [2, −1]·Wᵀ + b = [0+1, 2, 4−1]
        Expect.Shape([2, 3], y);
        Expect.Close([4, 7, 10, 1, 2, 3], y);
    }

    [Fact]
    public void Forward_WithoutBias_HasOnlyWeightState()
    {
        var layer = new Linear(2, 1, new Random(1), bias: false);
        layer.Weight.CopyFrom([2f, -1f]);
        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.StateEntries().Select(e => e.Name));
        Expect.Close([3], layer.Forward(Tensor.FromArray([1f, -1f], 1, 2)));
    }

    [Fact]
    public void Forward_WrongFeatureCount_NamesLayerAndShapes()
    {
        var layer = new Linear(320, 50, new Random(1));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(64, 300)));
        Assert.Contains("Linear(320→50) given input (64, 300)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonPositiveSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 3, new Random(1)));
}
