using System.Globalization;
using System.Xml.Linq;
using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class PartitionHeatmapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (XDocument Svg, PartitionReport Report) Draw(int clients, string[] classNames)
    {
        var labels = PartitionTestData.Balanced(clients * 40, classNames.Length, 1);
        var partition = Partition.Create(labels, classNames.Length, new DirichletPartitioner(0.3), clients, seed: 2);
        var report = PartitionReport.Build(labels, classNames, partition);
        return (XDocument.Parse(PartitionHeatmap.ToSvg(report, "Dirichlet α=0.3 & <friends>")), report);
    }

    private static IEnumerable<XElement> Cells(XDocument svg) =>
        svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "cell");

    [Fact]
    public void ToSvg_IsWellFormedWithOneRectPerCellAndEscapedNames()
    {
        var (svg, report) = Draw(12, ["cat", "a<b & \"c\"", "dog"]);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(12 * 3, Cells(svg).Count());
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("a<b & \"c\"", texts);
        Assert.Contains("Dirichlet α=0.3 & <friends>", texts);
        Assert.Contains("class", texts);
        Assert.Contains("client", texts);
        Assert.Contains(report.TrainCounts[5].ToString(CultureInfo.InvariantCulture), texts);
        Assert.Contains("100%", texts);
        Assert.Single(svg.Descendants(Svg + "linearGradient"));
    }

    [Fact]
    public void ToSvg_CellColourIsTheShareOfTheClientInThatClass()
    {
        var (svg, report) = Draw(4, ["x", "y"]);
        var cells = Cells(svg).ToList();
        for (int c = 0; c < 4; c++)
        {
            for (int k = 0; k < 2; k++)
            {
                double share = (double)report.PerClass[c][k] / report.TrainCounts[c];
                Assert.Equal(PartitionHeatmap.ColorOf(share), (string?)cells[(c * 2) + k].Attribute("fill"));
            }
        }
    }

    [Fact]
    public void ToSvg_ManyClients_ShrinksRowsToKeepTheSizeSane()
    {
        var (svg, _) = Draw(250, PartitionTestData.Digits);
        Assert.Equal(2500, Cells(svg).Count());
        double height = double.Parse((string)svg.Root!.Attribute("height")!, CultureInfo.InvariantCulture);
        Assert.InRange(height, 600, 1000);
        Assert.All(Cells(svg), r => Assert.Equal("3", (string?)r.Attribute("height")));

        // Client numbers every few rows only: 250 rows of 3 px, labelled every 5th.
        Assert.Equal(50, svg.Descendants(Svg + "text").Count(t => (string?)t.Attribute("text-anchor") == "end"));
    }

    [Fact]
    public void ColorOf_RunsFromNearWhiteToDarkBlueAndDarkensMonotonically()
    {
        Assert.Equal("#f7fbff", PartitionHeatmap.ColorOf(0));
        Assert.Equal("#08306b", PartitionHeatmap.ColorOf(1));
        static int Brightness(string hex) =>
            int.Parse(hex[1..3], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            + int.Parse(hex[3..5], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            + int.Parse(hex[5..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var brightness = Enumerable.Range(0, 101).Select(i => Brightness(PartitionHeatmap.ColorOf(i / 100.0))).ToArray();
        Assert.All(Enumerable.Range(1, 100), i => Assert.True(brightness[i] <= brightness[i - 1], $"step {i}"));
    }
}
