using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

public class NissOptionsTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.6, 0.4472135954999579)]
    [InlineData(0.75, 0.7071067811865476)]
    [InlineData(1.0, 1.0)]
    public void MinimumTau_IsSqrtOfMaxTwoRhoMinusOneAndZero(double rho, double expected) =>
        Assert.Equal(expected, NissOptions.MinimumTau(rho), 12);

    [Fact]
    public void Defaults_AreThePapersSettings()
    {
        var o = new NissOptions();
        Assert.Equal(0.01, o.UnitVariance);
        Assert.Equal(10, o.Epsilon);
        Assert.Equal(1e-4, o.Delta);
        Assert.Equal(3, o.ClipNorm);
        Assert.Equal(0, o.Tau);
        Assert.Null(o.NeighbourCount);
        Assert.Null(o.NoiseStd);
    }

    [Fact]
    public void Tau_DefaultsToTheLeastTheColludingFractionAllows()
    {
        Assert.Equal(NissOptions.MinimumTau(0.8), new NissOptions(collusionFraction: 0.8).Tau);
        Assert.Equal(0.9, new NissOptions(tau: 0.9, collusionFraction: 0.8).Tau);
        Assert.Equal(0.3, new NissOptions(tau: 0.3, collusionFraction: 0.4).Tau);
    }

    [Fact]
    public void Tau_BelowTheoremThreesBound_IsRejectedWithTheBound()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NissOptions(tau: 0.3, collusionFraction: 0.6));
        Assert.Equal("tau", ex.ParamName);
        Assert.Contains("0.447214", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Theorem 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unitVariance")]
    [InlineData("epsilon")]
    [InlineData("delta")]
    [InlineData("clipNorm")]
    [InlineData("tau")]
    [InlineData("collusionFraction")]
    [InlineData("neighbourCount")]
    [InlineData("noiseStd")]
    [InlineData("maxShares")]
    public void Constructor_OutOfRangeValue_NamesIt(string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "unitVariance" => new NissOptions(unitVariance: 0),
            "epsilon" => new NissOptions(epsilon: double.PositiveInfinity),
            "delta" => new NissOptions(delta: 1),
            "clipNorm" => new NissOptions(clipNorm: -1),
            "tau" => new NissOptions(tau: double.NaN),
            "collusionFraction" => new NissOptions(collusionFraction: 1.5),
            "neighbourCount" => new NissOptions(neighbourCount: 0),
            "noiseStd" => new NissOptions(noiseStd: -0.1),
            _ => new NissOptions(maxShares: 0),
        });
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void NoiseStd_FromTheGaussianMechanism_ScalesTheSensitivityByTheWeight()
    {
        var c = Math.Sqrt(2 * Math.Log(1.25 / 1e-4));
        using var sample = new NissClient(new FixedDeltaClient(1, [0f], 1), new NissOptions(epsilon: 10, delta: 1e-4, clipNorm: 3));
        Assert.Equal(c * 0.25 * (2 * 3.0 / 50) / 10, sample.NoiseStd(0.25, 50, 3), 12);
        Assert.Equal(c * 0.25 * (2 * 1.5 / 50) / 10, sample.NoiseStd(0.25, 50, 1.5), 12);

        using var client = new NissClient(new FixedDeltaClient(1, [0f], 1), new NissOptions(sensitivity: NissSensitivity.Client));
        Assert.Equal(c * 0.25 * 2 * 3.0 / 10, client.NoiseStd(0.25, 50, 3), 12);

        using var given = new NissClient(new FixedDeltaClient(1, [0f], 1), new NissOptions(noiseStd: 0.4));
        Assert.Equal(0.4, given.NoiseStd(0.25, 50, 3));
    }
}
