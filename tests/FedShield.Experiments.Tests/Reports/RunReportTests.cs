using System.Text.RegularExpressions;
using FedShield.Experiments.Output;
using FedShield.Experiments.Reports;

namespace FedShield.Experiments.Tests.Reports;

public partial class RunReportTests
{
    [GeneratedRegex("http", RegexOptions.IgnoreCase)]
    private static partial Regex Http();

    [Fact]
    public void Write_ShortRun_WritesBothFilesWithTheNumbersOfTheRows()
    {
        using var dir = new TempDirectory();
        RunFixture.Write(dir.Path, "short", RunFixture.Rows(10));

        var written = RunReport.Write(dir.Path);

        Assert.Equal([dir.File(RunFiles.ReportMarkdown), dir.File(RunFiles.ReportHtml)], written);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        foreach (string text in written.Select(File.ReadAllText))
        {
            Assert.Contains("90.00% (round 10)", text, StringComparison.Ordinal);   // final accuracy 0.5 + 0.04·10
            Assert.Contains("0.2000", text, StringComparison.Ordinal);              // final test loss 2 / 10
            Assert.Contains("58.00%", text, StringComparison.Ordinal);              // round 2 accuracy in the table
            Assert.Contains("only 1 of 4 clients replied; 2 needed", text, StringComparison.Ordinal);
            Assert.Contains("80.00%", text, StringComparison.Ordinal);              // class 0 of the final evaluation
            Assert.Contains("95.00%", text, StringComparison.Ordinal);              // class 1
            Assert.Contains("40,000 bytes", text, StringComparison.Ordinal);        // sent over 10 rounds
            Assert.Contains("37,000 bytes", text, StringComparison.Ordinal);        // received, round 3 short
            Assert.Contains("privacy.epsilon", text, StringComparison.Ordinal);
            Assert.Contains("dirichlet, alpha: 0.5", text, StringComparison.Ordinal); // the config text
            Assert.Contains("12.500 s", text, StringComparison.Ordinal);            // whole-round time, 10 · 1.25 s
        }
    }

    [Fact]
    public void Markdown_ShortRun_ListsEveryRound()
    {
        using var dir = new TempDirectory();
        RunFixture.Write(dir.Path, "short", RunFixture.Rows(12));
        string markdown = RunReport.Build(dir.Path).Markdown;
        for (int r = 1; r <= 12; r++)
        {
            Assert.Matches($@"\n\| {r} \| (applied|skipped) \|", markdown);
        }
    }

    [Fact]
    public void Html_Always_IsSelfContained()
    {
        using var dir = new TempDirectory();
        RunFixture.Write(dir.Path, "short", RunFixture.Rows(10));
        string html = RunReport.Build(dir.Path).Html;

        string withoutNamespaces = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal);
        Assert.DoesNotMatch(Http(), withoutNamespaces);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(html, "<svg "));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_TextFromFiles_IsEscaped()
    {
        using var dir = new TempDirectory();
        var rows = RunFixture.Rows(4);
        rows[0].SetText(RoundFields.Reason, "<b>bold</b> & more");
        RunFixture.Write(dir.Path, "a<b>", rows);
        string html = RunReport.Build(dir.Path).Html;
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_LongRun_SamplesEvaluatedRoundsAndKeepsTheLast()
    {
        using var dir = new TempDirectory();
        RunFixture.Write(dir.Path, "long", RunFixture.Rows(200, evaluateEvery: 2, accuracyStep: 0.002));
        var report = RunReport.Build(dir.Path);

        var shown = RunReport.SampleRows(report.Run.Rows);
        Assert.True(shown.Count <= RunReport.MaxTableRounds, $"{shown.Count} rows shown");
        Assert.Equal(200, shown[^1].Round);
        Assert.Equal(2, shown[0].Round);
        Assert.All(shown, r => Assert.False(double.IsNaN(r.GetNumber(RoundFields.TestAccuracy))));
        Assert.Contains($"{shown.Count} of 200 rounds", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("| 200 | applied |", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoSummaryAndTornLine_ReportsFromRowsWithWarnings()
    {
        using var dir = new TempDirectory();
        RunFixture.Write(dir.Path, "killed", RunFixture.Rows(5), summary: false);
        File.AppendAllText(dir.File(RunFiles.MetricsJsonl), "{\"round\":6,\"sta");

        var report = RunReport.Build(dir.Path);

        Assert.Equal(Path.GetFileName(dir.Path), report.Run.Name);
        Assert.Contains("No summary.json", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("line 6 was cut short", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("70.00% (round 5)", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoRounds_StillWritesAReport()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(RunFiles.Config), RunFixture.Config);
        var report = RunReport.Build(dir.Path);
        Assert.Contains("No round was recorded.", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("No metrics.jsonl", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NotARunDirectory_ThrowsNamingIt()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<InvalidDataException>(() => RunReport.Build(dir.Path));
        Assert.Contains("not a run directory", error.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => RunReport.Build(dir.File("missing")));
    }

    [Fact]
    public void Build_SameFiles_GivesSameOutput()
    {
        using var dir = new TempDirectory();
        RunFixture.Write(dir.Path, "same", RunFixture.Rows(8));
        var a = RunReport.Build(dir.Path);
        var b = RunReport.Build(dir.Path);
        Assert.Equal(a.Markdown, b.Markdown);
        Assert.Equal(a.Html, b.Html);
    }
}
