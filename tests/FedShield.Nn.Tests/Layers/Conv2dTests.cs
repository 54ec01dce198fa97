using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class Conv2dTests
{
    [Fact]
    public void Forward_OnesKernel_SumsWindowsPlusBias()
    {
        var conv = new Conv2d(1, 1, 2, new Random(1));
        conv.Weight.CopyFrom([1f, 1f, 1f, 1f]);
        conv.Bias!.CopyFrom([0.5f]);
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], 1, 1, 3, 3);
        var y = conv.Forward(x);
        Expect.Shape([1, 1, 2, 2], y);
        Expect.Close([12.5, 16.5, 24.5, 28.5], y);
    }

    [Fact]
    public void Forward_PaddingAndStride_GiveTorchOutputSize()
    {
        var conv = new Conv2d(1, 1, 3, new Random(1), stride: 2, padding: 1, bias: false);
        conv.Weight.CopyFrom([0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f]);   // picks the centre pixel
        var x = Tensor.FromArray([.. Enumerable.Range(1, 16).Select(i => (float)i)], 1, 1, 4, 4);
        var y = conv.Forward(x);

        // ⌊(4 + 2 − 3) / 2⌋ + 1 = 2; centres at (0,0), (0,2), (2,0), (2,2).
        Expect.Shape([1, 1, 2, 2], y);
        Expect.Close([1, 3, 9, 11], y);
    }

    [Fact]
    public void Forward_TwoChannels_SumsOverInputChannels()
    {
        var conv = new Conv2d(2, 1, 1, new Random(1));
        conv.Weight.CopyFrom([2f, -1f]);
        conv.Bias!.CopyFrom([0f]);
        var x = Tensor.FromArray([1f, 2f, 10f, 20f], 1, 2, 1, 2);
        Expect.Close([2 - 10, 4 - 20], conv.Forward(x));
    }

    [Fact]
    public void Forward_WrongChannels_NamesLayerAndShape()
    {
        var conv = new Conv2d(3, 8, 3, new Random(1));
        var e = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(2, 1, 8, 8)));
        Assert.Contains("Conv2d(3→8, kernel 3) given input (2, 1, 8, 8)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_ImageSmallerThanKernel_Throws()
    {
        var conv = new Conv2d(1, 1, 5, new Random(1));
        Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 1, 4, 4)));
    }
}
