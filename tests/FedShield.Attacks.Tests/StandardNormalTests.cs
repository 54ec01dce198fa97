namespace FedShield.Attacks.Tests;

public class StandardNormalTests
{
    // Reference quantiles and probabilities computed independently (Wichura's AS241 and erfc in double precision).
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.8413447460685429, 1.0)]
    [InlineData(0.05, -1.6448536269514726)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(1e-5, -4.2648907939228256)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.9, 1.2815515655446008)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.5625, 0.15731068461017067)]
    [InlineData(0.02425, -1.9729610513118845)]
    [InlineData(1e-300, -37.0470962993612)]
    public void InverseCdf_KnownQuantiles_MatchToTwelveDigits(double p, double expected)
    {
        double x = StandardNormal.InverseCdf(p);
        Assert.True(Math.Abs(x - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"Φ⁻¹({p}) = {x:R}, expected {expected:R}");
    }

    [Theory]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(2.0, 0.9772498680518208)]
    [InlineData(-3.5, 0.00023262907903552504)]
    [InlineData(-10.0, 7.619853024160593e-24)]
    public void Cdf_KnownValues_MatchToTwelveDigitsRelative(double x, double expected)
    {
        double p = StandardNormal.Cdf(x);
        Assert.True(Math.Abs(p - expected) <= 1e-12 * expected, $"Φ({x}) = {p:R}, expected {expected:R}");
    }

    [Fact]
    public void InverseCdf_IsAntisymmetric_AndInvertsTheCdf()
    {
        for (int k = 1; k < 1000; k++)
        {
            double p = k / 1000.0;
            double x = StandardNormal.InverseCdf(p);
            Assert.Equal(-x, StandardNormal.InverseCdf(1 - p), 12);
            Assert.Equal(p, StandardNormal.Cdf(x), 14);
        }
    }

    [Fact]
    public void InverseCdf_Endpoints_AreInfinite_AndOutsideIsRejected()
    {
        Assert.Equal(double.NegativeInfinity, StandardNormal.InverseCdf(0));
        Assert.Equal(double.PositiveInfinity, StandardNormal.InverseCdf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.InverseCdf(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.InverseCdf(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.InverseCdf(double.NaN));
        Assert.True(double.IsFinite(StandardNormal.InverseCdf(double.Epsilon)));
    }
}
