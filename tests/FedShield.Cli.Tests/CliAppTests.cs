using System.Text.Json;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public void Help_ListsBenchCommand()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("bench", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchEngineHelp_DescribesOptions()
    {
        var (code, output, _) = Run("bench", "engine", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--json", output, StringComparison.Ordinal);
        Assert.Contains("--epochs", output, StringComparison.Ordinal);
        Assert.Contains("mnist-cnn", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchEngine_UnknownWorkload_ExitsWithErrorNamingIt()
    {
        var (code, _, error) = Run("bench", "engine", "--workload", "resnet", "--no-reference");
        Assert.Equal(2, code);
        Assert.Contains("resnet", error, StringComparison.Ordinal);
        Assert.Contains("mnist-cnn", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchEngine_ZeroEpochs_ExitsWithError()
    {
        var (code, _, error) = Run("bench", "engine", "--epochs", "0", "--no-reference");
        Assert.Equal(2, code);
        Assert.Contains("epochs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_FailsWithNonZeroExit()
    {
        var (code, _, _) = Run("frobnicate");
        Assert.NotEqual(0, code);
    }

    [Fact]
    public void BenchEngineJson_SmallRun_HasTheDocumentedFields()
    {
        var (code, output, _) = Run("bench", "engine", "--json", "--epochs", "1", "--samples", "96", "--workload", "adult-mlp", "--no-reference");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("cpu").GetString()));
        var w = Assert.Single(doc.RootElement.GetProperty("workloads").EnumerateArray());
        Assert.Equal("adult-mlp", w.GetProperty("name").GetString());
        Assert.True(w.GetProperty("fedshield_samples_per_s").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, w.GetProperty("pytorch_samples_per_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, w.GetProperty("ratio").ValueKind);
        Assert.True(w.GetProperty("allocated_bytes_per_step").GetInt64() >= 0);
    }
}
