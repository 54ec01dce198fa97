using FedShield.Nn.Layers;
using FedShield.Nn.Optim;

namespace FedShield.Nn.Tests.Optim;

public class OptimizerValidationTests
{
    [Theory]
    [InlineData(-0.1, 0, 0, 0, "learningRate")]
    [InlineData(0.1, -0.5, 0, 0, "momentum")]
    [InlineData(0.1, 1.0, 0, 0, "momentum")]
    [InlineData(0.1, 0.9, 1.5, 0, "dampening")]
    [InlineData(0.1, 0.9, 0, -1e-4, "weightDecay")]
    [InlineData(double.NaN, 0, 0, 0, "learningRate")]
    public void SgdOptions_OutOfRange_ThrowsNamingTheParameter(double lr, double momentum, double dampening, double weightDecay, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(lr, momentum, dampening, weightDecay: weightDecay));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void SgdOptions_NesterovWithoutMomentum_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new SgdOptions(0.1, nesterov: true));
        Assert.Contains("Nesterov momentum requires momentum > 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SgdOptions(0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
    }

    [Theory]
    [InlineData(-1e-3, 0.9, 0.999, 1e-8, 0, "learningRate")]
    [InlineData(1e-3, 1.0, 0.999, 1e-8, 0, "beta1")]
    [InlineData(1e-3, -0.1, 0.999, 1e-8, 0, "beta1")]
    [InlineData(1e-3, 0.9, 1.0, 1e-8, 0, "beta2")]
    [InlineData(1e-3, 0.9, 0.999, 0, 0, "eps")]
    [InlineData(1e-3, 0.9, 0.999, -1e-8, 0, "eps")]
    [InlineData(1e-3, 0.9, 0.999, 1e-8, -0.01, "weightDecay")]
    public void AdamOptions_OutOfRange_ThrowsNamingTheParameter(double lr, double beta1, double beta2, double eps, double weightDecay, string name)
    {
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions(lr, beta1, beta2, eps, weightDecay)).ParamName);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => new AdamWOptions(lr, beta1, beta2, eps, weightDecay)).ParamName);
    }

    [Fact]
    public void Optimizer_UnmaterialisedModel_Throws()
    {
        var model = new Sequential(new Linear(2, 2, new Random(1)));
        var e = Assert.Throws<InvalidOperationException>(() => new Sgd(model, new SgdOptions(0.1)));
        Assert.Contains("Materialize()", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimizer_MismatchedLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => new Adam(new float[3], new float[2], new AdamOptions()));

    [Fact]
    public void LearningRate_SetNegative_Throws()
    {
        var sgd = new Sgd(new float[1], new float[1], new SgdOptions(0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.PositiveInfinity);
        sgd.LearningRate = 0;
        Assert.Equal(0, sgd.LearningRate);
        Assert.Equal(0.1, sgd.InitialLearningRate);
    }
}
