using FedShield.Data.Sources;
using FedShield.Experiments.Config;
using FedShield.Experiments.Reproductions;

namespace FedShield.Experiments.Tests.Reproductions;

public class FflReproductionTests
{
    [Theory]
    [InlineData(FflReproduction.Table3, "gaussian-noise")]
    [InlineData(FflReproduction.Table4, "label-flip")]
    public void Plan_HasTheFlRowsOfBothBenchmarks_InThePapersSettings(string id, string attack)
    {
        var plan = FflReproduction.Plan(id, quick: false);
        Assert.Equal(16, plan.Count);
        Assert.Equal(["FedAvg (no attacks)", "FedAvg", "Median", "Trimmed mean", "Multi-Krum", "FoolsGold", "FFL Strategy 1", "FFL Strategy 2"], plan.Take(8).Select(p => p.Method));
        Assert.Equal(["Adult-MLP", "MNIST-CNN"], plan.Select(p => p.Benchmark).Distinct());
        Assert.All(plan, p => Assert.Equal(FflReproduction.MetricsOf(id).Count, p.Paper.Count));
        Assert.All(plan.Where(p => !p.Method.Contains("no attacks", StringComparison.Ordinal)), p => Assert.Equal(attack, ConfigTokens.ToToken(p.Config.Attack.Kind)));
        Assert.All(plan.Where(p => p.Method.Contains("no attacks", StringComparison.Ordinal)), p => Assert.False(p.Config.Attack.IsActive));
        Assert.All(plan.Where(p => p.Config.Attack.IsActive), p => Assert.Equal(0.2, p.Config.Attack.Fraction));

        var mnist = plan.First(p => p.Benchmark == "MNIST-CNN").Config;
        Assert.Equal((200, 100, 50, 3, 64, 0.001, 0.9), (mnist.Rounds, mnist.Clients.Count, mnist.Clients.PerRound!.Value, mnist.Training.Epochs, mnist.Training.BatchSize, mnist.Training.LearningRate, mnist.Training.Momentum));
        var adult = plan[0].Config;
        Assert.Equal((100, 20, 10, 1, 64, OptimizerKind.Adam, 0.001), (adult.Rounds, adult.Clients.Count, adult.Clients.PerRound!.Value, adult.Training.Epochs, adult.Training.BatchSize, adult.Training.Optimizer, adult.Training.LearningRate));
        Assert.Equal(AggregatorKind.MultiKrum, plan[4].Config.Strategy.Aggregator.Kind);
        Assert.Equal(0.2, plan[3].Config.Strategy.Aggregator.TrimBeta);
        Assert.Equal(plan.Count, plan.Select(p => p.Slug).Distinct().Count());
        Assert.All(plan.Where(p => p.Method.StartsWith("FFL", StringComparison.Ordinal)), p => Assert.True(p.Config.Privacy.Ffl && p.Config.Privacy.FflReputation));
        Assert.Equal([1, 2], plan.Where(p => p.Method.StartsWith("FFL", StringComparison.Ordinal)).Select(p => p.Config.Attack.FflStrategy).Distinct());
    }

    [Fact]
    public void Plan_PaperFigures_AreTheTablesOwn()
    {
        var t3 = FflReproduction.Plan(FflReproduction.Table3, quick: false);
        Assert.Equal(9.65, t3.Single(p => p.Benchmark == "MNIST-CNN" && p.Method == "FedAvg").Paper["acc"]);
        Assert.Equal(44.051, t3.Single(p => p.Benchmark == "Adult-MLP" && p.Method == "FoolsGold").Paper["te"]);
        var t4 = FflReproduction.Plan(FflReproduction.Table4, quick: false);
        Assert.Equal(89.02, t4.Single(p => p.Benchmark == "Adult-MLP" && p.Method == "FedAvg").Paper["asr"]);
        Assert.Equal(95.33, t4.Single(p => p.Benchmark == "MNIST-CNN" && p.Method == "Multi-Krum").Paper["src_acc"]);
    }

    [Fact]
    public void Plan_RejectsUnknownIdsAndBenchmarks()
    {
        Assert.Contains("ffl-table3", Assert.Throws<ArgumentException>(() => FflReproduction.Plan("ffl-table9", false)).Message, StringComparison.Ordinal);
        Assert.Contains("adult or mnist", Assert.Throws<ArgumentException>(() => FflReproduction.Plan(FflReproduction.Table3, false, ["cifar"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_MarkdownPutsOursBesideThePapers()
    {
        var row = new ReproRow("MNIST-CNN", "Median", "/tmp/x", 200, new Dictionary<string, double> { ["te"] = 0.1234, ["acc"] = 96.5 }, new Dictionary<string, double> { ["te"] = 0.115, ["acc"] = 96.62 }, false);
        var md = new ReproTable(FflReproduction.Table3, "t", ["te", "acc"], [row], Quick: false).ToMarkdown();
        Assert.Contains("| MNIST-CNN | TE | All-Acc % | round |", md, StringComparison.Ordinal);
        Assert.Contains("| Median | 0.123 (0.115) | 96.50 (96.62) | 200 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_DivergedLoss_IsWrittenNotFatal()
    {
        var row = new ReproRow("MNIST-CNN", "FoolsGold", "/tmp/x", 12, new Dictionary<string, double> { ["te"] = double.NaN, ["acc"] = 9.75 }, new Dictionary<string, double>(), false);
        var table = new ReproTable(FflReproduction.Table3, "t", ["te", "acc"], [row], Quick: true);
        Assert.Contains("\"NaN\"", table.ToJson(), StringComparison.Ordinal);
        Assert.Contains("| FoolsGold | – | 9.75 | 12 |", table.ToMarkdown(), StringComparison.Ordinal);
    }

    private static ReproOptions Options(TempDirectory dir, params string[] benchmarks) => new()
    {
        OutputDirectory = dir.Path,
        Quick = true,
        Benchmarks = benchmarks,
        Locator = new DatasetLocator(DatasetLocatorOptions.FromEnvironment() with { AllowDownload = false }),
    };

    private static double Get(ReproTable table, string method, string metric) => table.Rows.Single(r => r.Method == method).Ours[metric];

    // The issue's acceptance on the shortened MNIST run: plain averaging collapses under Gaussian noise,
    // the median and Multi-Krum stay within 2 points of clean FedAvg.
    [ReferenceDataFact]
    public async Task Table3Quick_Mnist_FedAvgCollapses_MedianAndMultiKrumHold()
    {
        using var dir = new TempDirectory();
        var table = await FflReproduction.RunAsync(FflReproduction.Table3, Options(dir, "mnist"));
        double clean = Get(table, "FedAvg (no attacks)", "acc");
        Assert.True(clean > 90, $"clean FedAvg {clean:F2}%");
        Assert.True(Get(table, "FedAvg", "acc") < 20, $"FedAvg under noise {Get(table, "FedAvg", "acc"):F2}%");
        Assert.True(Get(table, "Median", "acc") > clean - 2, $"median {Get(table, "Median", "acc"):F2}% vs clean {clean:F2}%");
        Assert.True(Get(table, "Multi-Krum", "acc") > clean - 2, $"Multi-Krum {Get(table, "Multi-Krum", "acc"):F2}% vs clean {clean:F2}%");
        Assert.True(Get(table, "FedAvg", "te") > 2 * Get(table, "FedAvg (no attacks)", "te"));

        // FFL's keys and pads come from the OS generator, so its rows vary between runs: over repeated quick runs
        // they ended 1 to 3 points under the clean run (91.9% to 94.6%), never near FedAvg's collapse.
        foreach (var ffl in new[] { "FFL Strategy 1", "FFL Strategy 2" })
        {
            Assert.True(Get(table, ffl, "acc") > 85, $"{ffl} {Get(table, ffl, "acc"):F2}% vs clean {clean:F2}%");
        }

        // A second call finds the completed runs and reuses them.
        var again = await FflReproduction.RunAsync(FflReproduction.Table3, Options(dir, "mnist"));
        Assert.All(again.Rows, r => Assert.True(r.Reused));
        Assert.Equal(table.Rows.Select(r => r.Ours["acc"]), again.Rows.Select(r => r.Ours["acc"]));
    }

    // Paired against the clean run: label flipping raises the attack success rate under plain averaging.
    [ReferenceDataFact]
    public async Task Table4Quick_Adult_LabelFlippingHurtsFedAvg()
    {
        using var dir = new TempDirectory();
        var table = await FflReproduction.RunAsync(FflReproduction.Table4, Options(dir, "adult"));
        Assert.Equal(8, table.Rows.Count);
        double cleanAsr = Get(table, "FedAvg (no attacks)", "asr");
        double attackedAsr = Get(table, "FedAvg", "asr");
        Assert.True(attackedAsr > cleanAsr + 5, $"ASR {attackedAsr:F2}% vs clean {cleanAsr:F2}%");

        // FFL's defence keeps most flipped updates out: over repeated quick runs (its randomness is the OS's) its ASR
        // was 38.9% to 40.7%, against 44.6% for plain averaging and 38.3% clean.
        foreach (var ffl in new[] { "FFL Strategy 1", "FFL Strategy 2" })
        {
            Assert.True(Get(table, ffl, "asr") < attackedAsr - 2, $"{ffl} ASR {Get(table, ffl, "asr"):F2}% vs FedAvg's {attackedAsr:F2}%");
        }
        Assert.Equal(100 - Get(table, "FedAvg", "src_acc"), attackedAsr, 6);
    }
}
