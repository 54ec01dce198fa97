using System.Text.Json;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class BenchNetworkCommandTests
{
    [Fact]
    public void BenchNetworkHelp_DescribesOptions()
    {
        var (code, output, _) = Run("bench", "network", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--json", "--quick", "--clients", "--rounds", "--dimension", "--min-threads", "--calls-per-second" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BenchNetworkJson_Quick_PrintsOneCaseOfTwentyClients()
    {
        var (code, output, error) = Run("bench", "network", "--quick", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var c = Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal((20, 1_000, 3), (c.GetProperty("n").GetInt32(), c.GetProperty("d").GetInt32(), c.GetProperty("rounds").GetInt32()));
        Assert.All(c.GetProperty("participants").EnumerateArray(), p => Assert.Equal(20, p.GetInt32()));
        Assert.True(c.GetProperty("rounds_per_s").GetDouble() > 0);
        Assert.True(c.GetProperty("bytes_per_round").GetDouble() >= 20 * 2 * 4 * 1_000);
        Assert.True(c.GetProperty("ok").GetBoolean());
        Assert.Equal(0, c.GetProperty("refused_calls").GetInt64());
        Assert.Contains("20 clients:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchNetwork_ZeroRounds_ExitsWith2NamingIt()
    {
        var (code, output, error) = Run("bench", "network", "--rounds", "0");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("rounds", error, StringComparison.Ordinal);
    }
}
