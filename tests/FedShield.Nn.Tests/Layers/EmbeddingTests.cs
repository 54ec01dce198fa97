using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class EmbeddingTests
{
    private static Embedding Table()
    {
        var e = new Embedding(4, 2, new Random(1));
        e.Weight.CopyFrom([0f, 1f, 10f, 11f, 20f, 21f, 30f, 31f]);
        return e;
    }

    [Fact]
    public void Forward_Indices_LooksUpRowsWithShape()
    {
        var y = Table().Forward([3, 0, 1, 1], 2, 2);
        Expect.Shape([2, 2, 2], y);
        Expect.Close([30, 31, 0, 1, 10, 11, 10, 11], y);
    }

    [Fact]
    public void Forward_FloatTensor_UsesWholeNumbersAsIndices()
    {
        var y = Table().Forward(Tensor.FromArray([2f, 0f], 2));
        Expect.Close([20, 21, 0, 1], y);
    }

    [Fact]
    public void Backward_RepeatedIndex_AccumulatesRowGradient()
    {
        var table = Table();
        table.Forward([1, 1, 3], 3).Sum().Backward();
        Assert.Equal([0f, 0f, 2f, 2f, 0f, 0f, 1f, 1f], table.Weight.Grad!.ToArray());
    }

    [Fact]
    public void Forward_IndexOutOfRange_NamesIndexAndSize()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Table().Forward([1, 4], 2));
        Assert.Contains("index 4 is outside [0, 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_FractionalIndex_Throws() =>
        Assert.Throws<ArgumentException>(() => Table().Forward(Tensor.FromArray([0.5f], 1)));
}
