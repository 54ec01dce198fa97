using System.Text.Json;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class BenchFflCommandTests
{
    [Fact]
    public void BenchFflHelp_DescribesOptions()
    {
        var (code, output, _) = Run("bench", "ffl", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--json", "--quick", "--repeat" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BenchFflJson_Quick_PrintsOneAdultCaseBesideThePaper()
    {
        var (code, output, error) = Run("bench", "ffl", "--quick", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var c = Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal("adult-mlp", c.GetProperty("model").GetString());
        Assert.Equal((5_137, 10, 1), (c.GetProperty("d").GetInt32(), c.GetProperty("n").GetInt32(), c.GetProperty("repeat").GetInt32()));
        Assert.Equal(0.064, c.GetProperty("paper").GetProperty("decrypt_s").GetDouble());
        Assert.Contains("adult-mlp (d = 5,137), 10 updates", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchFfl_ZeroRepeat_ExitsWith2NamingIt()
    {
        var (code, output, error) = Run("bench", "ffl", "--repeat", "0");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("repeat", error, StringComparison.Ordinal);
    }
}
