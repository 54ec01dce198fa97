using System.Xml.Linq;
using FedShield.Experiments.Reports;

namespace FedShield.Experiments.Tests.Reports;

public class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SvgLineChart Chart(SvgLineChartOptions? options = null) =>
        new(options ?? new SvgLineChartOptions("Accuracy & loss <test>", "round", "accuracy"));

    private static XElement[] Paths(string svg) => XDocument.Parse(svg).Descendants(Svg + "path").ToArray();

    // Number of points in a path: one M plus one L per further point.
    private static int PointCount(XElement path) => path.Attribute("d")!.Value.Count(c => c is 'M' or 'L');

    [Fact]
    public void ToSvg_ThreeSeries_HasOnePathPerSeriesAndALegendEntryEach()
    {
        double[] x = [1, 2, 3, 4];
        string svg = Chart()
            .Add("a", x, [0.1, 0.2, 0.3, 0.4])
            .Add("b", x, [0.4, 0.3, 0.2, 0.1])
            .Add("c", x, [0.2, 0.2, 0.2, 0.2])
            .ToSvg();
        var paths = Paths(svg);
        Assert.Equal(3, paths.Length);
        Assert.Equal(3, paths.Select(p => p.Attribute("stroke")!.Value).Distinct().Count());
        var legend = XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");
        Assert.Equal(["a", "b", "c"], legend.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void ToSvg_MissingPoints_AreSkippedAndTheLineJoinsTheRest()
    {
        string svg = Chart()
            .Add("sparse", [1, 2, 3, 4, 5, 6], [0.5, double.NaN, 0.6, double.NaN, double.PositiveInfinity, 0.7])
            .ToSvg();
        var path = Assert.Single(Paths(svg));
        Assert.Equal(3, PointCount(path));
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSvg_SeriesWithoutPoints_DrawsNoPathAndSaysSoInTheLegend()
    {
        string svg = Chart().Add("empty", [1, 2], [double.NaN, double.NaN]).Add("full", [1, 2], [0.1, 0.2]).ToSvg();
        Assert.Single(Paths(svg));
        Assert.Contains("empty (no data)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSvg_Always_HasTitleAndDescReferencedByAria()
    {
        string svg = Chart().Add("a", [1, 2], [0.25, 0.5]).ToSvg();
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("img", (string?)root.Attribute("role"));
        string[] ids = root.Attribute("aria-labelledby")!.Value.Split(' ');
        var title = root.Element(Svg + "title")!;
        var desc = root.Element(Svg + "desc")!;
        Assert.Equal(new[] { title.Attribute("id")!.Value, desc.Attribute("id")!.Value }, ids);
        Assert.Equal("Accuracy & loss <test>", title.Value);
        Assert.Contains("a: 2 points", desc.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSvg_SameInput_GivesSameBytes()
    {
        string Build() => Chart().Add("a", [1, 2, 3], [0.3, 0.1, 0.2]).Add("b", [1, 3], [0.5, 0.6]).ToSvg();
        Assert.Equal(Build(), Build());
    }

    [Fact]
    public void ToSvg_LogScale_SkipsNonPositiveAndTicksAtDecades()
    {
        var options = new SvgLineChartOptions("Bytes", "round", "bytes") { LogScaleY = true, YFormat = TickFormat.Bytes };
        string svg = Chart(options).Add("bytes", [1, 2, 3, 4], [0, 2_000, 300_000, 40_000_000]).ToSvg();
        Assert.Equal(3, PointCount(Assert.Single(Paths(svg))));
        var ticks = XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "ticks")
            .Elements(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains("1 kB", ticks);
        Assert.Contains("1 MB", ticks);
        Assert.Contains("100 MB", ticks);
    }

    [Fact]
    public void Options_BadRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => Chart(new SvgLineChartOptions("t", "x", "y") { YMin = 1, YMax = 1 }));
        Assert.Throws<ArgumentException>(() => Chart(new SvgLineChartOptions("t", "x", "y") { LogScaleY = true, YMin = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvgLineChartOptions("t", "x", "y") { Width = 10 });
        Assert.Throws<ArgumentException>(() => new ChartSeries("s", [1, 2], [1]));
    }

    [Theory]
    [InlineData(0.55, 0.9, 4, new[] { 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(0, 97, 6, new[] { 0.0, 20, 40, 60, 80, 100 })]
    [InlineData(-0.3, 0.3, 5, new[] { -0.4, -0.2, 0, 0.2, 0.4 })]
    [InlineData(1.2, 1.2, 5, new[] { 1.0, 1.1, 1.2, 1.3, 1.4 })]
    public void Linear_Extended_GivesNiceTicks(double min, double max, int target, double[] expected)
    {
        var scale = AxisScale.Linear(min, max, target, extend: true, integer: false);
        Assert.Equal(expected, scale.Ticks);
        Assert.Equal(expected[0], scale.Min, 12);
        Assert.Equal(expected[^1], scale.Max, 12);
        Assert.DoesNotContain(scale.Ticks, t => double.IsNegative(t) && t == 0);
    }

    [Fact]
    public void Linear_IntegerRounds_TicksAreWholeNumbersInsideTheRange()
    {
        var scale = AxisScale.Linear(1, 7, 10, extend: false, integer: true);
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7], scale.Ticks);
        Assert.Equal(1, scale.Min);
        Assert.Equal(7, scale.Max);
    }

    [Fact]
    public void Logarithmic_ThreeDecades_TicksArePowersOfTen()
    {
        var scale = AxisScale.Logarithmic(3, 2_000);
        Assert.Equal([1.0, 10, 100, 1000, 10000], scale.Ticks);
        Assert.Equal(0, scale.Map(1, 0, 100), 9);
        Assert.Equal(50, scale.Map(100, 0, 100), 9);
    }
}
