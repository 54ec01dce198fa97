using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class LogMathTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.1, -0.11930497373739554)]
    [InlineData(0.5, -0.7350111298370844)]
    [InlineData(1.0, -1.8496055099332482)]
    [InlineData(1.5, -3.3844920895515527)]
    [InlineData(1.99, -5.320852015139977)]
    [InlineData(2.0, -5.364941264616638)]
    [InlineData(2.5, -7.806815272727264)]
    [InlineData(3.0, -10.720363041981113)]
    [InlineData(5.0, -27.200889545537436)]
    [InlineData(10.0, -102.87988902484489)]
    [InlineData(26.0, -679.8311997631943)]
    [InlineData(-0.5, 0.41903914777555956)]
    [InlineData(-1.0, 0.6112323176780705)]
    [InlineData(-3.0, 0.6931361352504468)]
    public void LogErfc_MatchesReferenceValues(double x, double expected)
    {
        // References: ln(erfc(x)) in double precision (C library erfc).
        Assert.Equal(expected, LogMath.LogErfc(x), Math.Max(1e-12, Math.Abs(expected) * 2e-13));
    }

    [Fact]
    public void LogErfc_FarTail_MatchesAsymptoticSeries()
    {
        // erfc(x) = e^(−x²)/(x√π) · (1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶) + …), long after erfc underflows.
        Assert.Equal(-10005.177585122665, LogMath.LogErfc(100), 1e-9);
    }

    [Fact]
    public void Add_IsLogOfSum_AndHandlesZero()
    {
        Assert.Equal(Math.Log(5), LogMath.Add(Math.Log(2), Math.Log(3)), 14);
        Assert.Equal(1000 + Math.Log(2), LogMath.Add(1000, 1000), 12);
        Assert.Equal(3.0, LogMath.Add(double.NegativeInfinity, 3.0));
        Assert.Equal(double.NegativeInfinity, LogMath.Add(double.NegativeInfinity, double.NegativeInfinity));
    }

    [Fact]
    public void Log1P_AccurateForTinyArguments()
    {
        Assert.Equal(1e-12 - 5e-25, LogMath.Log1P(1e-12), 1e-28);
        Assert.Equal(Math.Log(1.5), LogMath.Log1P(0.5), 15);
        Assert.Equal(-1e-10 - 5e-21, LogMath.Log1P(-1e-10), 1e-26);
    }
}
