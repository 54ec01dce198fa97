using FedShield.Data.Flows;

namespace FedShield.Data.Tests.Flows;

public class CicDdosOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreDocumented()
    {
        var o = new CicDdosOptions();

        Assert.Equal(CicDdosLabels.Binary, o.Labels);
        Assert.Null(o.Classes);
        Assert.Equal(0.2, o.TestFraction);
        Assert.Equal(0, o.Seed);
        Assert.Null(o.WindowLength);
        Assert.Equal(1, o.WindowStride);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_TestFractionOutsideOpenUnitInterval_Throws(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CicDdosOptions(testFraction: fraction));
        Assert.Equal("testFraction", e.ParamName);
    }

    [Fact]
    public void Constructor_WindowOrStrideBelowOne_Throws()
    {
        Assert.Equal("windowLength", Assert.Throws<ArgumentOutOfRangeException>(() => new CicDdosOptions(windowLength: 0)).ParamName);
        Assert.Equal("windowStride", Assert.Throws<ArgumentOutOfRangeException>(() => new CicDdosOptions(windowStride: 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CicDdosOptions((CicDdosLabels)7));
    }

    [Fact]
    public void Constructor_EmptyOrPunctuationOnlyClasses_Throw()
    {
        Assert.Throws<ArgumentException>(() => new CicDdosOptions(classes: []));
        Assert.Throws<ArgumentException>(() => new CicDdosOptions(classes: ["Syn", "--"]));
    }

    [Fact]
    public void Constructor_Classes_AreCopied()
    {
        var requested = new List<string> { "Syn" };
        var o = new CicDdosOptions(classes: requested);
        requested.Add("UDPLag");

        Assert.Equal(["Syn"], o.Classes);
    }
}
