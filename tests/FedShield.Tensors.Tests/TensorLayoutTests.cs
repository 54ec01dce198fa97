namespace FedShield.Tensors.Tests;

public class TensorLayoutTests
{
    [Fact]
    public void EmptyTensor_AnyShape_IsContiguous()
    {
        var t = Tensor.Zeros(2, 0, 1);
        Assert.True(t.IsContiguous);
        Assert.Equal(0, t.Span.Length);
        Assert.Empty(t.Contiguous().ToArray());
        Assert.True(Ops.Permute(t, 2, 0, 1).IsContiguous);
    }

    [Fact]
    public void Strides_RowMajor()
    {
        var t = Tensor.Zeros(2, 3, 4);
        Assert.Equal(new[] { 12, 4, 1 }, t.Strides.ToArray());
        Assert.Equal(new[] { 1, 4, 12 }, Ops.Permute(t, 2, 1, 0).Strides.ToArray());
    }

    [Fact]
    public void Indexer_WrongRankOrOutOfRange_Throws()
    {
        var t = Tensor.Zeros(2, 3);
        Assert.Throws<ArgumentException>(() => t[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t[2, 0]);
    }
}
