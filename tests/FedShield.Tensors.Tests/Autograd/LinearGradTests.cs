namespace FedShield.Tensors.Tests;

public class LinearGradTests
{
    [Fact]
    public void Linear_Gradient_MatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Linear(t[0], t[1], t[2]), [TestData.Uniform(1, 4, 5), TestData.Uniform(2, 3, 5), TestData.Uniform(3, 3)]);

    [Fact]
    public void Linear_NoBias_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Linear(t[0], t[1], null), [TestData.Uniform(4, 4, 5), TestData.Uniform(5, 3, 5)]);

    [Fact]
    public void Linear_ThreeDimensionalInput_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Linear(t[0], t[1], t[2]), [TestData.Uniform(6, 2, 3, 4), TestData.Uniform(7, 2, 4), TestData.Uniform(8, 2)]);

    [Fact]
    public void Linear_TransposedWeightView_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Linear(t[0], t[1].T(), t[2]), [TestData.Uniform(9, 4, 5), TestData.Uniform(10, 5, 3), TestData.Uniform(11, 3)]);

    [Fact]
    public void Linear_InputUsedAsWeight_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => Ops.Linear(t[0], t[0], null), [TestData.Uniform(12, 4, 4)]);

    [Fact]
    public void Linear_WithSigmoid_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(
            t => Ops.Sigmoid(Ops.Linear(t[0], t[1], t[2])),
            [TestData.Uniform(13, 4, 5), TestData.Uniform(14, 3, 5), TestData.Uniform(15, 3)]);

    [Fact]
    public void Linear_TwoLayersWithSigmoid_HessianVectorMatchesFiniteDifferences() =>
        GradCheck.CheckHessianVector(
            t => Ops.Linear(Ops.Sigmoid(Ops.Linear(t[0], t[1], t[2])), t[3], null),
            [TestData.Uniform(16, 3, 4), TestData.Uniform(17, 5, 4), TestData.Uniform(18, 5), TestData.Uniform(19, 2, 5)]);
}
