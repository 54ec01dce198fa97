using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class ReproCommandTests
{
    [Fact]
    public void Repro_UnknownTable_ExitTwoListingTheTables()
    {
        var (code, _, error) = Run("repro", "ffl-table9", "--no-registry");
        Assert.Equal(2, code);
        Assert.Contains("ffl-table3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Repro_UnknownBenchmarkOrBadOverride_ExitTwo()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = Run("repro", "ffl-table3", "--quick", "--benchmark", "cifar", "--out", dir.Path, "--no-registry");
        Assert.Equal(2, code);
        Assert.Contains("unknown benchmark 'cifar'", error, StringComparison.Ordinal);

        (code, _, error) = Run("repro", "ffl-table3", "--quick", "--benchmark", "adult", "--set", "rounds=0", "--out", dir.Path, "--no-registry");
        Assert.Equal(2, code);
        Assert.Contains("rounds", error, StringComparison.Ordinal);
    }

    [ReferenceDataFact]
    public void Repro_QuickAdult_PrintsOursBesideThePaperAndWritesTheTable()
    {
        using var dir = new TempDirectory();
        var (code, output, error) = Run("repro", "ffl-table3", "--quick", "--benchmark", "adult", "--out", dir.Path, "--no-registry");
        Assert.True(code == 0, error);
        Assert.Contains("| Adult-MLP | TE | All-Acc % | round |", output, StringComparison.Ordinal);
        Assert.Contains("| FoolsGold |", output, StringComparison.Ordinal);
        Assert.Contains("(82.56)", output, StringComparison.Ordinal);
        Assert.Contains("[6/8] Adult-MLP FoolsGold", error, StringComparison.Ordinal);
        Assert.Contains("[8/8] Adult-MLP FFL Strategy 2", error, StringComparison.Ordinal);
        Assert.Contains("| FFL Strategy 1 |", output, StringComparison.Ordinal);
        Assert.Contains("(82.84)", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "ffl-table3.md")));
        Assert.Contains("\"rows\"", File.ReadAllText(Path.Combine(dir.Path, "ffl-table3.json")), StringComparison.Ordinal);
    }
}
