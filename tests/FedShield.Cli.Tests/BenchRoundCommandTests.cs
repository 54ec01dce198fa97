using System.Text.Json;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class BenchRoundCommandTests
{
    [Fact]
    public void BenchRoundHelp_DescribesOptions()
    {
        var (code, output, _) = Run("bench", "round", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--clients", "--samples", "--epochs", "--batch-size", "--rounds", "--workers", "--seed", "--workload", "--no-reference", "--json" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BenchRoundJson_TinyRun_HasTheDocumentedFields()
    {
        var (code, output, error) = Run("bench", "round", "--json", "--clients", "3", "--samples", "64", "--epochs", "1", "--workers", "2", "--no-reference");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("fedshield_round_s").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pytorch_round_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ratio").ValueKind);
        Assert.Equal(3, root.GetProperty("clients").GetInt32());
        Assert.Equal(64, root.GetProperty("samples").GetInt32());
        Assert.Equal(1, root.GetProperty("epochs").GetInt32());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        Assert.Equal("mnist-cnn", root.GetProperty("workload").GetString());
        Assert.Equal("not run (--no-reference)", root.GetProperty("reference").GetString());
        Assert.True(root.GetProperty("peak_working_set_mib").GetDouble() > 0);
        Assert.Contains("warm-up", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchRound_TinyRun_PrintsTable()
    {
        var (code, output, _) = Run("bench", "round", "--workload", "adult-mlp", "--clients", "4", "--samples", "8", "--no-reference");
        Assert.Equal(0, code);
        Assert.Contains("FedShield", output, StringComparison.Ordinal);
        Assert.Contains("peak live heap", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--clients", "0", "clients")]
    [InlineData("--rounds", "0", "rounds")]
    [InlineData("--workers", "-1", "workers")]
    [InlineData("--batch-size", "0", "batchSize")]
    [InlineData("--workload", "resnet", "resnet")]
    public void BenchRound_InvalidOption_ExitsWith2NamingIt(string option, string value, string named)
    {
        var (code, output, error) = Run("bench", "round", option, value, "--no-reference");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchRound_NotANumber_FailsToParse()
    {
        var (code, _, _) = Run("bench", "round", "--clients", "many", "--no-reference");
        Assert.NotEqual(0, code);
    }
}
