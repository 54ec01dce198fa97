using System.Text.Json;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class BenchAggregateCommandTests
{
    [Fact]
    public void BenchAggregateHelp_DescribesOptions()
    {
        var (code, output, _) = Run("bench", "aggregate", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--json", "--quick", "--repeat", "--no-reference" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BenchAggregateJson_Quick_PrintsTheCases()
    {
        var (code, output, error) = Run("bench", "aggregate", "--quick", "--json", "--repeat", "1", "--no-reference");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["median", "trimmed-mean", "multi-krum", "median", "trimmed-mean", "multi-krum"], cases.Select(c => c.GetProperty("method").GetString()));
        Assert.All(cases, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("pytorch_ms").ValueKind));
        Assert.Contains("FedShield median", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchAggregate_ZeroRepeat_ExitsWith2NamingIt()
    {
        var (code, output, error) = Run("bench", "aggregate", "--repeat", "0", "--no-reference");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("repeat", error, StringComparison.Ordinal);
    }
}
