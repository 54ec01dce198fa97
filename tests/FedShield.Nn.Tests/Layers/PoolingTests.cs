using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class PoolingTests
{
    private static Tensor Grid4x4() => Tensor.FromArray([.. Enumerable.Range(1, 16).Select(i => (float)i)], 1, 1, 4, 4);

    [Fact]
    public void MaxPool2d_Kernel2_TakesWindowMaxima()
    {
        var y = new MaxPool2d(2).Forward(Grid4x4());
        Expect.Shape([1, 1, 2, 2], y);
        Expect.Close([6, 8, 14, 16], y);
    }

    [Fact]
    public void AvgPool2d_Kernel2_TakesWindowMeans()
    {
        var y = new AvgPool2d(2).Forward(Grid4x4());
        Expect.Close([3.5, 5.5, 11.5, 13.5], y);
    }

    [Fact]
    public void MaxPool2d_Stride1_OverlapsWindows()
    {
        var pool = new MaxPool2d(3, stride: 1);
        Assert.Equal(1, pool.Stride);
        Expect.Close([11, 12, 15, 16], pool.Forward(Grid4x4()));
    }

    [Fact]
    public void Pooling_DefaultStride_IsKernelSize()
    {
        Assert.Equal(2, new MaxPool2d(2).Stride);
        Assert.Equal(3, new AvgPool2d(3).Stride);
    }

    [Fact]
    public void Pooling_PaddingOverHalfKernel_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(2, padding: 2));

    [Fact]
    public void Pooling_Rank3Input_NamesLayerAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new AvgPool2d(2).Forward(Tensor.Zeros(1, 4, 4)));
        Assert.Contains("AvgPool2d(kernel 2, stride 2) given input (1, 4, 4)", e.Message, StringComparison.Ordinal);
    }
}
