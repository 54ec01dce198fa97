using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class FlattenTests
{
    [Fact]
    public void Forward_Default_KeepsBatchAxis() => Expect.Shape([2, 60], new Flatten().Forward(Tensor.Zeros(2, 3, 4, 5)));

    [Fact]
    public void Forward_Range_MergesOnlyThoseAxes() => Expect.Shape([6, 4, 5], new Flatten(0, 1).Forward(Tensor.Zeros(2, 3, 4, 5)));

    [Fact]
    public void Forward_NegativeEnd_CountsFromLast() => Expect.Shape([2, 12, 5], new Flatten(1, -2).Forward(Tensor.Zeros(2, 3, 4, 5)));

    [Fact]
    public void Forward_KeepsRowMajorOrder()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 2, 2, 2);
        Expect.Close([1, 2, 3, 4, 5, 6, 7, 8], new Flatten().Forward(x));
    }

    [Fact]
    public void Forward_AxesOutsideRank_Throw() =>
        Assert.Throws<ArgumentException>(() => new Flatten(1, 3).Forward(Tensor.Zeros(2, 3)));
}
