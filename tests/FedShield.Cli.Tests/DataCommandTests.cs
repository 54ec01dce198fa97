using System.Text.Json;
using System.Xml.Linq;
using static FedShield.Cli.Tests.CliRun;

namespace FedShield.Cli.Tests;

public class DataCommandTests
{
    [Fact]
    public void Show_SyntheticJson_CountsAddUpAcrossClients()
    {
        var (code, output, _) = Run("data", "show", "gaussian-mixture", "--clients", "4", "--partition", "dirichlet", "--alpha", "0.5", "--validation", "0.1", "--seed", "7", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("gaussian-mixture", root.GetProperty("dataset").GetString());
        Assert.Equal(20, root.GetProperty("features").GetInt32());
        Assert.Equal(5000, root.GetProperty("train").GetProperty("count").GetInt32());
        Assert.Equal(Enumerable.Repeat(500, 10), root.GetProperty("train").GetProperty("per_class").EnumerateArray().Select(e => e.GetInt32()));
        var clients = root.GetProperty("partition").GetProperty("clients").EnumerateArray().ToList();
        Assert.Equal(4, clients.Count);
        int train = 0, validation = 0;
        foreach (var client in clients)
        {
            int count = client.GetProperty("count").GetInt32();
            Assert.Equal(count, client.GetProperty("per_class").EnumerateArray().Sum(e => e.GetInt32()));
            train += count;
            validation += client.GetProperty("validation").GetInt32();
        }

        Assert.Equal(5000, train + validation);
        Assert.InRange(validation, 450, 550);
    }

    [Fact]
    public void Show_SameSeed_SameOutput_OtherSeed_OtherPartition()
    {
        var a = Run("data", "show", "synthetic-flows", "--clients", "5", "--partition", "dirichlet", "--seed", "1", "--json").Out;
        var b = Run("data", "show", "synthetic-flows", "--clients", "5", "--partition", "dirichlet", "--seed", "1", "--json").Out;
        var c = Run("data", "show", "synthetic-flows", "--clients", "5", "--partition", "dirichlet", "--seed", "2", "--json").Out;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Show_Svg_WritesAHeatMapWithOneCellPerClientAndClass()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fedshield-heatmap-{Guid.NewGuid():N}.svg");
        try
        {
            var (code, output, error) = Run("data", "show", "gaussian-mixture", "--clients", "6", "--partition", "shards", "--svg", path);
            Assert.Equal(0, code);
            Assert.Contains("partition: shards(2 per client) over 6 clients", output, StringComparison.Ordinal);
            Assert.Contains("heat map written to", error, StringComparison.Ordinal);
            var svg = XDocument.Load(path);
            Assert.Equal(6 * 10, svg.Descendants().Count(e => e.Name.LocalName == "rect" && (string?)e.Attribute("class") == "cell"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Show_UnknownDataset_ExitsTwoListingKnownNames()
    {
        var (code, _, error) = Run("data", "show", "imagenet");
        Assert.Equal(2, code);
        Assert.Contains("Unknown dataset 'imagenet'", error, StringComparison.Ordinal);
        Assert.Contains("mnist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownPartition_ExitsTwoListingKinds()
    {
        var (code, _, error) = Run("data", "show", "gaussian-mixture", "--partition", "pathological");
        Assert.Equal(2, code);
        Assert.Contains("pathological", error, StringComparison.Ordinal);
        Assert.Contains("iid, dirichlet, shards, quantity", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_MoreClientsThanSamples_ExitsWithAClearError()
    {
        var (code, _, error) = Run("data", "show", "gaussian-mixture", "--clients", "100000");
        Assert.NotEqual(0, code);
        Assert.Contains("100000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_MissingFolderOffline_ListsWhereItLooked()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"fedshield-none-{Guid.NewGuid():N}");
        var (code, _, error) = Run("data", "show", "cifar10", "--dir", missing, "--offline");
        Assert.Equal(1, code);
        Assert.Contains($"the folder given: {missing}: no such folder", error, StringComparison.Ordinal);
        Assert.Contains("cifar-10-binary.tar.gz", error, StringComparison.Ordinal);
    }

    [ReferenceDataFact]
    public void Show_MnistShards_EveryClientHasTwoShardsOfThreeHundred()
    {
        var (code, output, _) = Run("data", "show", "mnist", "--dir", ReferenceData.Folder("mnist"), "--partition", "shards", "--clients", "100", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var clients = doc.RootElement.GetProperty("partition").GetProperty("clients").EnumerateArray().ToList();
        Assert.Equal(100, clients.Count);
        Assert.All(clients, c => Assert.Equal(600, c.GetProperty("count").GetInt32()));

        // Shards straddle a class boundary only where MNIST's unequal class sizes put one: at most 4 labels
        // per client, and most clients hold exactly two.
        var labelsPerClient = clients.Select(c => c.GetProperty("per_class").EnumerateArray().Count(e => e.GetInt32() > 0)).ToList();
        Assert.All(labelsPerClient, n => Assert.InRange(n, 1, 4));
        Assert.True(labelsPerClient.Count(n => n <= 2) >= 80, string.Join(",", labelsPerClient));
    }

    [Fact]
    public void List_ShowsEveryDatasetAndWhetherItIsGenerated()
    {
        var (code, output, _) = Run("data", "list");
        Assert.Equal(0, code);
        foreach (var name in new[] { "mnist", "fashion-mnist", "cifar10", "adult", "nsl-kdd", "cic-ddos2019", "gaussian-mixture", "synthetic-flows" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        Assert.Contains("generated, no files needed", output, StringComparison.Ordinal);
    }
}
