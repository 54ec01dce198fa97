using System.Text.RegularExpressions;
using System.Xml.Linq;
using FedShield.Experiments.Reports;

namespace FedShield.Experiments.Tests.Reports;

public class ComparisonReportTests
{
    private static (TempDirectory Root, string A, string B) TwoRuns()
    {
        var root = new TempDirectory();
        string a = root.File("run-a"), b = root.File("run-b");
        RunFixture.Write(a, "fedavg", RunFixture.Rows(10));
        RunFixture.Write(b, "krum", RunFixture.Rows(6, accuracyStep: 0.05));
        return (root, a, b);
    }

    [Fact]
    public void Table_TwoRuns_HoldsEachRunsNumbers()
    {
        var (root, a, b) = TwoRuns();
        using var _ = root;
        var report = ComparisonReport.Build([a, b]);

        Assert.Equal(["fedavg", "krum"], report.Labels);
        var rows = report.Table.Rows;
        Assert.Equal(["fedavg", "mnist", "mlp", "fedavg", "10/10", "90.00%", "90.00% (r10)", "0.2000", "77.00 kB", "2 min 02 s", "0123456789ab"], rows[0]);
        Assert.Equal(["krum", "mnist", "mlp", "fedavg", "6/6", "80.00%", "80.00% (r6)", "0.3333", "45.00 kB", "2 min 02 s", "0123456789ab"], rows[1]);
    }

    [Fact]
    public void Text_TwoRuns_IsAnAlignedTable()
    {
        var (root, a, b) = TwoRuns();
        using var _ = root;
        string[] lines = ComparisonReport.Build([a, b]).Text.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("Run ", StringComparison.Ordinal));
        string rule = lines[header + 1];
        Assert.Matches("^-+( +-+)+$", rule);
        // Every column starts where its rule starts, in the header and in both rows.
        var starts = Regex.Matches(rule, "-+").Select(m => m.Index).ToArray();
        Assert.Equal(11, starts.Length);
        foreach (string line in lines[header..(header + 4)].Where(l => l != rule))
        {
            Assert.All(starts.Skip(1), s => Assert.Equal(' ', line[s - 1]));
        }

        Assert.Contains("90.00%", lines[header + 2], StringComparison.Ordinal);
        Assert.Contains("80.00%", lines[header + 3], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoRuns_WritesThreeFilesAndOneAccuracyChart()
    {
        var (root, a, b) = TwoRuns();
        using var _ = root;
        var report = ComparisonReport.Build([a, b]);
        var written = report.Write(root.File("out"));

        Assert.Equal(3, written.Count);
        Assert.All(written, p => Assert.True(File.Exists(p), p));
        Assert.Contains("| fedavg | mnist |", File.ReadAllText(written[1]), StringComparison.Ordinal);
        string html = File.ReadAllText(written[2]);
        Assert.DoesNotContain("http", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        string svg = Regex.Match(html, "<svg .*?</svg>", RegexOptions.Singleline).Value;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, XDocument.Parse(svg).Descendants(ns + "path").Count());
        Assert.Contains("fedavg", svg, StringComparison.Ordinal);
        Assert.Contains("krum", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_SameNames_AddTheDirectory()
    {
        using var root = new TempDirectory();
        string a = root.File("seed-1"), b = root.File("seed-2");
        RunFixture.Write(a, "fedavg", RunFixture.Rows(3));
        RunFixture.Write(b, "fedavg", RunFixture.Rows(3));
        Assert.Equal(["fedavg (seed-1)", "fedavg (seed-2)"], ComparisonReport.Build([a, b]).Labels);
    }

    [Fact]
    public void Build_NoRuns_Throws()
    {
        Assert.Throws<ArgumentException>(() => ComparisonReport.Build(Array.Empty<string>()));
    }
}
