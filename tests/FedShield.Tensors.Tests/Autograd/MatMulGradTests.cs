namespace FedShield.Tensors.Tests;

public class MatMulGradTests
{
    [Fact]
    public void MatMul_Gradient_MatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.MatMul(t[0], t[1]), [TestData.Uniform(1, 3, 4), TestData.Uniform(2, 4, 5)]);

    [Fact]
    public void MatMul_TransposedInputs_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.MatMul(t[0].T(), t[1].T()), [TestData.Uniform(3, 4, 3), TestData.Uniform(4, 5, 4)]);

    [Fact]
    public void MatMul_BatchedBroadcast_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.MatMul(t[0], t[1]), [TestData.Uniform(5, 2, 1, 3, 4), TestData.Uniform(6, 3, 4, 2)]);

    [Fact]
    public void MatMul_BatchedTimesMatrix_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.MatMul(t[0], t[1]), [TestData.Uniform(7, 2, 3, 4), TestData.Uniform(8, 4, 2)]);

    [Fact]
    public void MatMul_MatrixTimesBatched_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.MatMul(t[0], t[1]), [TestData.Uniform(9, 3, 4), TestData.Uniform(10, 2, 4, 2)]);

    [Fact]
    public void MatMul_SameNodeTwice_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.MatMul(t[0], t[0]), [TestData.Uniform(11, 4, 4)]);

    [Fact]
    public void MatMul_SameNodeTwiceTransposed_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(t => Ops.MatMul(t[0], t[0].T()), [TestData.Uniform(12, 3, 4)]);

    [Fact]
    public void MatMul_Product_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(t => Ops.Tanh(Ops.MatMul(t[0], t[1])), [TestData.Uniform(13, 3, 4), TestData.Uniform(14, 4, 2)]);
}
