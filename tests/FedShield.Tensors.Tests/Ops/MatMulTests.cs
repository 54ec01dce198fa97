using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class MatMulTests
{
    private static float[] Reference(Tensor a, Tensor b)
    {
        var ac = a.Contiguous().ToArray();
        var bc = b.Contiguous().ToArray();
        int m = a.Size(-2);
        int k = a.Size(-1);
        int n = b.Size(-1);
        var y = new float[m * n];
        GemmReference.Run(false, false, m, n, k, 1f, ac, Math.Max(k, 1), bc, Math.Max(n, 1), 0f, y, Math.Max(n, 1));
        return y;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 4)]
    [InlineData(64, 320, 50)]
    [InlineData(17, 33, 9)]
    public void MatMul_TwoMatrices_MatchesReference(int m, int k, int n)
    {
        var a = TestData.Uniform(1, m, k);
        var b = TestData.Uniform(2, k, n);
        TestData.AssertClose(Reference(a, b), Ops.MatMul(a, b).ToArray(), 1e-5f, "matmul");
    }

    [Fact]
    public void MatMul_TransposedViews_MatchesCopies()
    {
        var at = TestData.Uniform(3, 7, 5);
        var bt = TestData.Uniform(4, 6, 7);
        var a = at.T();
        var b = bt.T();
        Assert.False(a.IsContiguous);
        var expected = Reference(a.Contiguous(), b.Contiguous());
        TestData.AssertClose(expected, Ops.MatMul(a, b).ToArray(), 1e-5f, "aᵀ·bᵀ");
        TestData.AssertClose(Reference(a.Contiguous(), TestData.Uniform(5, 7, 3)), Ops.MatMul(a, TestData.Uniform(5, 7, 3)).ToArray(), 1e-5f, "aᵀ·b");
    }

    [Fact]
    public void MatMul_BatchedWithBroadcast_MatchesPerBatchProducts()
    {
        var a = TestData.Uniform(6, 2, 3, 4, 5);
        var b = TestData.Uniform(7, 3, 5, 2);
        var y = Ops.MatMul(a, b);
        Assert.Equal([2, 3, 4, 2], y.Shape.ToArray());
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                var ai = a.Slice(i, 1).Reshape(3, 4, 5).Slice(j, 1).Reshape(4, 5);
                var bj = b.Slice(j, 1).Reshape(5, 2);
                var yij = y.Slice(i, 1).Reshape(3, 4, 2).Slice(j, 1).Reshape(4, 2);
                TestData.AssertClose(Reference(ai, bj), yij.ToArray(), 1e-5f, $"batch ({i}, {j})");
            }
        }
    }

    [Fact]
    public void MatMul_BatchedTimesMatrix_MatchesFlattenedProduct()
    {
        var a = TestData.Uniform(8, 3, 4, 6);
        var b = TestData.Uniform(9, 6, 5);
        var y = Ops.MatMul(a, b);
        Assert.Equal([3, 4, 5], y.Shape.ToArray());
        TestData.AssertClose(Reference(a.Reshape(12, 6), b), y.ToArray(), 1e-5f, "batched");
    }

    [Fact]
    public void MatMul_InnerExtentsDiffer_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("MatMul", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatMul_BatchAxesDoNotBroadcast_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3, 4), Tensor.Zeros(3, 4, 5)));
        Assert.Contains("(2, 3, 4)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 4, 5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatMul_VectorOperand_ThrowsNamingBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(3), Tensor.Zeros(3, 4)));
        Assert.Contains("MatMul", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(3,)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatMul_EmptyInnerExtent_GivesZeros()
    {
        var y = Ops.MatMul(Tensor.Zeros(3, 0), Tensor.Zeros(0, 2));
        Assert.Equal(new float[6], y.ToArray());
    }

    [Fact]
    public void MatMul_EmptyRows_GivesEmptyResult()
    {
        var y = Ops.MatMul(Tensor.Zeros(2, 0, 4), Tensor.Zeros(4, 3));
        Assert.Equal([2, 0, 3], y.Shape.ToArray());
    }
}
