namespace FedShield.Tensors.Tests;

using static FedShield.Tensors.Ops;

public class ReduceShapeIndexGradTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Uniform(new Random(seed), -1f, 1f, shape);

    [Fact]
    public void Sum_AxesKeepDim_ValuesAndGradients()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new float[] { 5, 7, 9 }, Sum(x, 0).ToArray());
        Assert.Equal(new float[] { 6, 15 }, Sum(x, 1).ToArray());
        Assert.Equal(new[] { 2, 1 }, Sum(x, 1, keepDim: true).Shape.ToArray());
        Assert.Equal(21f, Sum(x).Item());
        GradCheck.Check(t => Sum(t[0], [0, 2]), [R(1, 2, 3, 4)]);
        GradCheck.Check(t => Mean(t[0], 1, keepDim: true), [R(2, 2, 3, 4)]);
    }

    [Fact]
    public void Var_MatchesDefinitionAndGradient()
    {
        var x = Tensor.FromArray([1, 2, 3, 4], 4);
        Assert.Equal(1.6666666f, Var(x, 0).Item(), 5);
        Assert.Equal(1.25f, Var(x, 0, unbiased: false).Item(), 5);
        GradCheck.Check(t => Var(t[0], [1]), [R(3, 3, 5)]);
        GradCheck.CheckHessianVector(t => Var(t[0], [1]), [R(3, 3, 5)]);
    }

    [Fact]
    public void MaxArgMax_ValuesIndicesAndGradient()
    {
        var x = Tensor.FromArray([1, 5, 3, 7, 2, 0], 2, 3);
        Assert.Equal(new float[] { 5, 7 }, Max(x, 1).ToArray());
        Assert.Equal(new[] { 1, 0 }, ArgMax(x, 1));
        Assert.Equal(new[] { 1, 0, 0 }, ArgMax(x, 0));
        Assert.Equal(7f, Max(x).Item());
        GradCheck.Check(t => Max(t[0], 0), [R(4, 3, 4)], eps: 1e-3);
    }

    [Fact]
    public void ReshapePermuteTranspose_GradientsMatch()
    {
        GradCheck.Check(t => Mul(Reshape(t[0], 4, -1), Permute(Reshape(t[0], 2, 2, 3), 1, 0, 2).Reshape(4, 3)), [R(5, 2, 6)]);
        GradCheck.Check(t => Transpose(t[0], 0, 2).Contiguous(), [R(6, 2, 3, 4)]);
    }

    [Fact]
    public void Views_ShareStorage()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var t = x.T();
        Assert.False(t.IsContiguous);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, t.ToArray());
        var row = x.Slice(1, 1);
        Assert.True(row.IsContiguous);
        x[1, 0] = 40;
        Assert.Equal(40f, row[0, 0]);
        Assert.Equal(40f, t[0, 1]);
    }

    [Fact]
    public void NarrowConcatStackSplit_ValuesAndGradients()
    {
        var a = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        var b = Tensor.FromArray([5, 6], 2, 1);
        Assert.Equal(new float[] { 1, 2, 5, 3, 4, 6 }, Concat([a, b], 1).ToArray());
        Assert.Equal(new[] { 2, 2, 2 }, Stack([a, a], 1).Shape.ToArray());
        var parts = Split(Tensor.FromArray([1, 2, 3, 4, 5, 6], 6), [2, 4]);
        Assert.Equal(new float[] { 3, 4, 5, 6 }, parts[1].ToArray());
        GradCheck.Check(t => Concat([t[0], Tanh(t[1]), t[0]], 1), [R(7, 2, 3), R(8, 2, 2)]);
        GradCheck.Check(t => Stack([t[0], Mul(t[0], t[1])], 0), [R(9, 3), R(10, 3)]);
        GradCheck.Check(t => Narrow(t[0], 1, 1, 2), [R(11, 3, 4)]);
        GradCheck.CheckHessianVector(t => Narrow(Tanh(t[0]), 1, 1, 2), [R(11, 3, 4)]);
    }

    [Fact]
    public void GatherScatterIndexSelect_ValuesAndGradients()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new float[] { 3, 4 }, Gather(x, 1, [2, 0], [2, 1]).ToArray());
        Assert.Equal(new float[] { 4, 5, 6, 1, 2, 3, 4, 5, 6 }, IndexSelect(x, 0, [1, 0, 1]).ToArray());
        GradCheck.Check(t => Gather(t[0], 1, [2, 0, 0, 1], [2, 2]), [R(12, 2, 3)]);
        GradCheck.Check(t => IndexSelect(t[0], 0, [1, 1, 0]), [R(13, 2, 3)]);
        GradCheck.CheckHessianVector(t => Gather(Sigmoid(t[0]), 1, [2, 0, 0, 1], [2, 2]), [R(12, 2, 3)]);
    }

    [Fact]
    public void Gather_IndexOutOfRange_ErrorNamesIndexAndAxis()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Gather(Tensor.Zeros(2, 3), 1, [3, 0], [2, 1]));
        Assert.Contains("index 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SoftmaxLogSoftmax_ValuesGradientsAndHessian()
    {
        var x = Tensor.FromArray([1, 2, 3, 1000, 1000, 1000], 2, 3);
        var p = Softmax(x, 1).ToArray();
        Assert.Equal(0.09003057f, p[0], 5);
        Assert.Equal(1f / 3, p[4], 5);
        Assert.Equal(-2.407606f, LogSoftmax(x, 1).ToArray()[0], 4);
        GradCheck.Check(t => Softmax(t[0], 1), [R(14, 3, 4)]);
        GradCheck.Check(t => LogSoftmax(t[0], 0), [R(15, 3, 4)]);
        GradCheck.CheckHessianVector(t => LogSoftmax(t[0], 1), [R(16, 3, 4)]);
        GradCheck.CheckHessianVector(t => Softmax(t[0], 1), [R(17, 3, 4)]);
    }

    [Fact]
    public void CrossEntropyComposition_HessianVectorMatches()
    {
        // -mean log softmax(x)[target]: the loss that gradient-inversion attacks differentiate twice.
        int[] target = [2, 0, 1];
        GradCheck.CheckHessianVector(t => Mean(Neg(Gather(LogSoftmax(t[0], 1), 1, target, [3, 1]))), [R(18, 3, 4)]);
    }

    [Fact]
    public void Reshape_WrongCount_ErrorNamesShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Reshape(Tensor.Zeros(2, 3), 4, 2));
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 2)", ex.Message, StringComparison.Ordinal);
    }
}
