using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class PoolTests
{
    public static TheoryData<int, int, int, int, int, int, int> Shapes => new()
    {
        // n, c, h, w, kernel, stride, padding
        { 2, 10, 24, 24, 2, 0, 0 },
        { 2, 20, 8, 8, 2, 2, 0 },
        { 1, 3, 7, 9, 3, 2, 1 },
        { 2, 2, 7, 7, 3, 1, 1 },
        { 1, 2, 9, 8, 4, 3, 2 },
        { 1, 1, 5, 5, 5, 1, 2 },
        { 1, 2, 6, 7, 2, 1, 0 },
        { 1, 1, 3, 3, 1, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MaxPool2d_Forward_MatchesDirectLoops(int n, int c, int h, int w, int kernel, int stride, int padding)
    {
        var x = TestData.Uniform(1, n, c, h, w);
        var y = Ops.MaxPool2d(x, kernel, stride, padding);
        var g = new ConvGeometry(c, h, w, kernel, kernel, stride == 0 ? kernel : stride, padding);
        Assert.Equal([n, c, g.OH, g.OW], y.Shape.ToArray());
        var expected = new float[y.Count];
        ConvReference.MaxPool2d(x.ToArray(), n * c, g, expected, new int[y.Count]);
        Assert.Equal(expected, y.ToArray());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AvgPool2d_Forward_MatchesDirectLoops(int n, int c, int h, int w, int kernel, int stride, int padding)
    {
        var x = TestData.Uniform(2, n, c, h, w);
        var y = Ops.AvgPool2d(x, kernel, stride, padding);
        var g = new ConvGeometry(c, h, w, kernel, kernel, stride == 0 ? kernel : stride, padding);
        var expected = new float[y.Count];
        ConvReference.AvgPool2d(x.ToArray(), n * c, g, expected);
        TestData.AssertClose(expected, y.ToArray(), 1e-6f, "avgpool");
    }

    [Fact]
    public void MaxPool2d_Ties_GradientGoesToFirstMaximum()
    {
        var x = Tensor.FromArray([1f, 1f, 0f, 1f], 1, 1, 2, 2);
        x.RequiresGrad = true;
        Ops.MaxPool2d(x, 2).Sum().Backward();
        Assert.Equal([1f, 0f, 0f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void MaxPool2d_NaN_Propagates()
    {
        var x = Tensor.FromArray([1f, float.NaN, 0f, 2f], 1, 1, 2, 2);
        Assert.True(float.IsNaN(Ops.MaxPool2d(x, 2).Item()));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(2, -1, 0)]
    [InlineData(2, 2, 2)]
    [InlineData(3, 1, -1)]
    public void MaxPool2d_BadArguments_Throw(int kernel, int stride, int padding)
    {
        Assert.ThrowsAny<ArgumentException>(() => Ops.MaxPool2d(Tensor.Zeros(1, 1, 4, 4), kernel, stride, padding));
        Assert.ThrowsAny<ArgumentException>(() => Ops.AvgPool2d(Tensor.Zeros(1, 1, 4, 4), kernel, stride, padding));
    }

    [Fact]
    public void MaxPool2d_WindowLargerThanInput_ThrowsNamingShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MaxPool2d(Tensor.Zeros(1, 1, 2, 2), 3));
        Assert.Contains("MaxPool2d", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 1, 2, 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AvgPool2d_WrongRank_ThrowsNamingShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.AvgPool2d(Tensor.Zeros(4, 4), 2));
        Assert.Contains("AvgPool2d", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 4)", ex.Message, StringComparison.Ordinal);
    }
}
