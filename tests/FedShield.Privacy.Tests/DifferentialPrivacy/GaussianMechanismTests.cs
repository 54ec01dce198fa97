using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class GaussianMechanismTests
{
    [Fact]
    public void CalibrationConstant_HandComputed()
    {
        // c = √(2 ln(1.25/δ)): ln(1.25e5) = 11.73606902, ln(1.25e4) = 9.43348392.
        Assert.Equal(4.84480526, GaussianMechanism.CalibrationConstant(1e-5), 7);
        Assert.Equal(4.34361230, GaussianMechanism.CalibrationConstant(1e-4), 7);
    }

    [Fact]
    public void NoiseStd_IsCTimesSensitivityOverEpsilon()
    {
        Assert.Equal(4.84480526 * 2 / 0.5, GaussianMechanism.NoiseStd(0.5, 1e-5, 2), 6);

        // The NISS paper's setting: ε = 10, δ = 1e-4.
        Assert.Equal(4.34361230 * 0.01 / 10, GaussianMechanism.NoiseStd(10, 1e-4, 0.01), 9);

        // Wei et al.: L exposures multiply σ by L.
        Assert.Equal(10 * GaussianMechanism.NoiseStd(1, 1e-5, 1), GaussianMechanism.NoiseStd(1, 1e-5, 1, exposures: 10), 12);
    }

    [Fact]
    public void LocalTrainingSensitivity_TwoCOverDatasetSize()
    {
        Assert.Equal(0.01, GaussianMechanism.LocalTrainingSensitivity(3, 600), 15);
        Assert.Equal(6.0, GaussianMechanism.LocalTrainingSensitivity(3, 1), 15);
    }

    [Theory]
    [InlineData(0.0, 1e-5, 1.0, "epsilon")]
    [InlineData(-1.0, 1e-5, 1.0, "epsilon")]
    [InlineData(double.PositiveInfinity, 1e-5, 1.0, "epsilon")]
    [InlineData(1.0, 0.0, 1.0, "delta")]
    [InlineData(1.0, 1.0, 1.0, "delta")]
    [InlineData(1.0, double.NaN, 1.0, "delta")]
    [InlineData(1.0, 1e-5, 0.0, "sensitivity")]
    [InlineData(1.0, 1e-5, double.NaN, "sensitivity")]
    public void NoiseStd_BadInput_ThrowsNamingIt(double epsilon, double delta, double sensitivity, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMechanism.NoiseStd(epsilon, delta, sensitivity));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void LocalTrainingSensitivity_BadInput_Throws()
    {
        Assert.Equal("clipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMechanism.LocalTrainingSensitivity(0, 10)).ParamName);
        Assert.Equal("datasetSize", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMechanism.LocalTrainingSensitivity(1, 0)).ParamName);
    }

    [Fact]
    public void NoiseStd_EmpiricalPrivacyLoss_WithinEpsilonExceptDelta()
    {
        // A scalar query of sensitivity Δ: on D the output is y ~ N(0, σ²), on a neighbour N(Δ, σ²).
        // The privacy loss ln(p_D(y)/p_D'(y)) = (Δ/σ²)(Δ/2 − y); the classic proof bounds the
        // probability that its magnitude exceeds ε by δ.
        const double epsilon = 0.5, delta = 1e-3, sensitivity = 1;
        var sigma = GaussianMechanism.NoiseStd(epsilon, delta, sensitivity);
        var z = DpTesting.Normals(31, 200_000);
        var exceed = z.Count(n => Math.Abs(sensitivity / (sigma * sigma) * ((sensitivity / 2) - (sigma * n))) > epsilon);
        Assert.True(exceed / 200_000.0 <= delta, $"privacy loss above epsilon in {exceed} of 200000 draws");
    }
}
