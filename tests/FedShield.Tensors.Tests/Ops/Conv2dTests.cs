using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class Conv2dTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes => new()
    {
        // n, c, h, w, o, kh, kw, stride, padding
        { 2, 1, 28, 28, 10, 5, 5, 1, 0 },
        { 2, 10, 12, 12, 20, 5, 5, 1, 0 },
        { 1, 3, 7, 9, 4, 3, 3, 1, 1 },
        { 2, 2, 8, 7, 3, 3, 2, 2, 0 },
        { 1, 2, 9, 9, 2, 3, 3, 2, 1 },
        { 1, 1, 5, 6, 1, 1, 1, 1, 0 },
        { 2, 3, 6, 5, 2, 4, 3, 2, 2 },
        { 1, 2, 3, 3, 2, 3, 3, 1, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2d_Forward_MatchesDirectLoops(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding)
    {
        foreach (bool withBias in new[] { false, true })
        {
            var x = TestData.Uniform(1, n, c, h, w);
            var wt = TestData.Uniform(2, o, c, kh, kw);
            var b = withBias ? TestData.Uniform(3, o) : null;
            var y = Ops.Conv2d(x, wt, b, stride, padding);
            var g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
            Assert.Equal([n, o, g.OH, g.OW], y.Shape.ToArray());
            var expected = new float[y.Count];
            ConvReference.Conv2d(x.ToArray(), wt.ToArray(), b is null ? default : b.ToArray(), n, o, g, expected);
            TestData.AssertClose(expected, y.ToArray(), 1e-5f, $"conv bias={withBias}");
        }
    }

    [Fact]
    public void Conv2d_ChannelsDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(1, 3, 8, 8), Tensor.Zeros(4, 2, 3, 3), null));
        Assert.Contains("Conv2d", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 3, 8, 8)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 2, 3, 3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv2d_KernelLargerThanInput_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(1, 1, 4, 4), Tensor.Zeros(1, 1, 5, 5), null));
        Assert.Contains("Conv2d", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    public void Conv2d_BadStrideOrPadding_Throws(int stride, int padding)
    {
        Assert.ThrowsAny<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(1, 1, 4, 4), Tensor.Zeros(1, 1, 3, 3), null, stride, padding));
    }

    [Fact]
    public void Conv2d_WrongRank_ThrowsNamingShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(3, 8, 8), Tensor.Zeros(4, 3, 3, 3), null));
        Assert.Contains("(3, 8, 8)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv2d_BiasLengthWrong_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(1, 1, 4, 4), Tensor.Zeros(2, 1, 3, 3), Tensor.Zeros(3)));
        Assert.Contains("(3,)", ex.Message, StringComparison.Ordinal);
    }
}
