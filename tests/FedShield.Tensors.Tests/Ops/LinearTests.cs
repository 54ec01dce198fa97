namespace FedShield.Tensors.Tests;

public class LinearTests
{
    [Theory]
    [InlineData(64, 105, 48, true)]
    [InlineData(64, 48, 1, true)]
    [InlineData(5, 7, 3, false)]
    [InlineData(1, 1, 1, true)]
    public void Linear_Forward_MatchesMatMulPlusBias(int rows, int inFeatures, int outFeatures, bool withBias)
    {
        var x = TestData.Uniform(1, rows, inFeatures);
        var w = TestData.Uniform(2, outFeatures, inFeatures);
        var b = withBias ? TestData.Uniform(3, outFeatures) : null;
        var expected = Ops.MatMul(x, w.T());
        if (b is not null)
        {
            expected = Ops.Add(expected, b);
        }

        TestData.AssertClose(expected.ToArray(), Ops.Linear(x, w, b).ToArray(), 1e-5f, "linear");
    }

    [Fact]
    public void Linear_ThreeDimensionalInput_KeepsLeadingAxes()
    {
        var x = TestData.Uniform(4, 2, 3, 5);
        var w = TestData.Uniform(5, 4, 5);
        var y = Ops.Linear(x, w, null);
        Assert.Equal([2, 3, 4], y.Shape.ToArray());
        TestData.AssertClose(Ops.MatMul(x.Reshape(6, 5), w.T()).ToArray(), y.ToArray(), 1e-5f, "linear 3-D");
    }

    [Fact]
    public void Linear_InFeaturesDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5), null));
        Assert.Contains("Linear", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_BiasLengthWrong_ThrowsNamingShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(2, 5), Tensor.Zeros(4, 5), Tensor.Zeros(3)));
        Assert.Contains("(3,)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 5)", ex.Message, StringComparison.Ordinal);
    }
}
