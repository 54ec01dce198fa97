namespace FedShield.Tensors.Tests;

public class PoolGradTests
{
    // Distinct, well-separated values keep every window's maximum away from a tie, so central
    // differences do not cross a kink.
    [Theory]
    [InlineData(2, 0, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 2, 1)]
    public void MaxPool2d_Gradient_MatchesFiniteDifferences(int kernel, int stride, int padding) =>
        GradCheck.Check(t => Ops.MaxPool2d(t[0], kernel, stride, padding), [TestData.Distinct(1, 2, 2, 6, 5)], eps: 1e-3);

    [Theory]
    [InlineData(2, 0, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 2, 1)]
    public void AvgPool2d_Gradient_MatchesFiniteDifferences(int kernel, int stride, int padding) =>
        GradCheck.Check(t => Ops.AvgPool2d(t[0], kernel, stride, padding), [TestData.Uniform(2, 2, 2, 6, 5)]);

    [Fact]
    public void MaxPool2d_InputUsedTwice_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Add(Ops.MaxPool2d(t[0], 2), Ops.AvgPool2d(t[0], 2)), [TestData.Distinct(3, 1, 2, 4, 4)], eps: 1e-3);

    [Fact]
    public void MaxPool2d_AfterConvWithTanh_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(
            t => Ops.Tanh(Ops.MaxPool2d(Ops.Tanh(Ops.Conv2d(t[0], t[1], null, 1, 0)), 2)),
            [TestData.Distinct(4, 1, 1, 6, 6), TestData.Uniform(5, 2, 1, 3, 3)],
            eps: 1e-3);

    [Fact]
    public void AvgPool2d_WithTanh_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(t => Ops.Tanh(Ops.AvgPool2d(Ops.Tanh(t[0]), 3, 2, 1)), [TestData.Uniform(6, 1, 2, 5, 5)]);

    [Fact]
    public void MaxPool2d_Scatter_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(t => Ops.Mul(Ops.MaxPool2d(t[0], 2), Ops.MaxPool2d(t[0], 2)), [TestData.Distinct(7, 1, 2, 4, 4)], eps: 1e-3);
}
