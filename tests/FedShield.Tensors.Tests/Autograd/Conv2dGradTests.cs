namespace FedShield.Tensors.Tests;

public class Conv2dGradTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    [InlineData(2, 2)]
    public void Conv2d_Gradient_MatchesFiniteDifferences(int stride, int padding) =>
        GradCheck.Check(
            t => Ops.Conv2d(t[0], t[1], t[2], stride, padding),
            [TestData.Uniform(1, 2, 2, 5, 6), TestData.Uniform(2, 3, 2, 3, 2), TestData.Uniform(3, 3)]);

    [Fact]
    public void Conv2d_NoBias_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Conv2d(t[0], t[1], null, 1, 1), [TestData.Uniform(4, 1, 3, 4, 4), TestData.Uniform(5, 2, 3, 3, 3)]);

    [Fact]
    public void Conv2d_InputUsedTwice_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(
            t => Ops.Add(Ops.Conv2d(t[0], t[1], null, 1, 1), Ops.Tanh(t[0])),
            [TestData.Uniform(6, 1, 2, 4, 4), TestData.Uniform(7, 2, 2, 3, 3)]);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    public void Conv2d_WithTanh_HessianVectorMatchesFiniteDifferences(int stride, int padding) =>
        GradCheck.CheckHessianVector(
            t => Ops.Tanh(Ops.Conv2d(t[0], t[1], t[2], stride, padding)),
            [TestData.Uniform(8, 2, 2, 5, 5), TestData.Uniform(9, 3, 2, 3, 3), TestData.Uniform(10, 3)]);

    [Fact]
    public void Conv2d_TwoLayersWithTanh_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(
            t => Ops.Conv2d(Ops.Tanh(Ops.Conv2d(t[0], t[1], null, 1, 1)), t[2], null, 2, 0),
            [TestData.Uniform(11, 1, 2, 6, 6), TestData.Uniform(12, 2, 2, 3, 3), TestData.Uniform(13, 2, 2, 2, 2)]);

    [Fact]
    public void Conv2dBackwardInput_Gradient_MatchesFiniteDifferences() =>
        GradCheck.Check(
            t => Ops.Conv2dBackwardInput(t[0], t[1], [2, 2, 6, 5], 2, 1),
            [TestData.Uniform(14, 2, 3, 3, 3), TestData.Uniform(15, 3, 2, 3, 2)]);

    [Fact]
    public void Conv2dBackwardWeight_Gradient_MatchesFiniteDifferences() =>
        GradCheck.Check(
            t => Ops.Conv2dBackwardWeight(t[0], t[1], [3, 2, 3, 2], 2, 1),
            [TestData.Uniform(16, 2, 3, 3, 3), TestData.Uniform(17, 2, 2, 6, 5)]);
}
