using System.Text.Json;
using FedShield.Federation.Messages;

namespace FedShield.Benchmarks.Tests;

public class FflBenchmarkTests
{
    // The server's RSA-3072 public key as DER SubjectPublicKeyInfo (exponent 65537): 15 bytes of
    // algorithm identifier, a 5-byte BIT STRING header and a 398-byte SEQUENCE of modulus (389) and
    // exponent (5), under a 4-byte outer header.
    private const int ServerKeyBytes = 422;

    // Per participant and round, from FflWire and WireSize (32-byte header + the 3-byte protocol name on
    // each of its 4 messages each way; DH values 256 bytes; encrypted seeds 384; sealed fragments
    // 8d + 28 with a 4-byte length; 16-byte pseudonyms). Up: the training reply (8 + 4 + 16a, a the
    // partners it accepts), g^x and a seed, the sealed fragments, the mixed upload 4d with a seed, the
    // overhead metric (32). Down: the training message (16 + 4 + 4 + 16n + 4 + K + 1 + 4 + 4L) with the
    // global model 4d, the partner's pseudonym, DH value and seed, its sealed fragments, the feedback (8).
    private static long UpConstant(int accepted) => 1240 + (16L * accepted);

    private static long DownConstant(int n, int layers) => 869 + (16L * n) + ServerKeyBytes + (4L * layers);

    [Fact]
    public async Task RunAsync_Quick_OneWellFormedAdultRecordBesideTableV()
    {
        var report = await FflBenchmark.RunAsync(new FflBenchmarkOptions(quick: true));

        var c = Assert.Single(report.Cases);
        Assert.Equal(("adult-mlp", 5_137, 49, 4, 10), (c.Model, c.D, c.LastLayerSize, c.Layers, c.N));
        Assert.Equal(10, c.Participants);
        foreach (var times in new[] { c.DecryptSeconds, c.AggregateSeconds, c.MixSeconds, c.ExchangeSeconds, c.RoundSeconds, c.FedAvgSeconds })
        {
            var t = Assert.Single(times);
            Assert.True(t > 0 && double.IsFinite(t), $"a timing is {t}");
        }

        Assert.True(c.CpuSecondsPerRound >= 0);
        Assert.Equal(FflPaperFigures.Lookup("adult-mlp", 10), c.Paper);
        Assert.Equal(c.Decrypt / 0.064, c.DecryptRatio, 12);
        Assert.Equal(c.Aggregate / 0.021, c.AggregateRatio, 12);
        Assert.Equal(c.Mix / 0.231, c.MixRatio, 12);
        Assert.Equal(c.FedAvg / 0.001, c.FedAvgRatio, 12);

        // 3 updates' worth each way (the paper's 6D per participant), plus constants: 12d + 1,240 + 16a up
        // (a ≤ n − 1: after the warm-up round a participant may refuse the partner it rated below its first
        // quartile) and 12d + 869 + 16n + K + 4L down, exactly.
        Assert.Equal((12.0 * c.D) + DownConstant(10, 4), c.ParticipantReceivedBytes);
        Assert.InRange(c.ParticipantSentBytes, (12.0 * c.D) + UpConstant(0), (12.0 * c.D) + UpConstant(9));
        Assert.InRange(c.SentPerUpdate, 3.0, 3.08);
        Assert.InRange(c.ReceivedPerUpdate, 3.0, 3.08);
    }

    [Fact]
    public async Task RunAsync_TwoSizes_TrafficGrowsByTwelveBytesPerParameterEachWay()
    {
        FflBenchmarkModel[] models = [new("small", [30, 10], 30..40), new("large", [900, 90, 10], 990..1000)];
        // One timed round (round 2, after the warm-up): a participant then refuses at most its round-1
        // partner, so every one of n = 2 or 4 still finds a partner; from round 3 on, with n = 4, the first
        // quartile of its local reputations can exclude an untried participant too, and some may abstain.
        var report = await FflBenchmark.RunAsync(new FflBenchmarkOptions(repeat: 1, updates: [2, 4], models: models));

        Assert.Equal([("small", 2), ("small", 4), ("large", 2), ("large", 4)], report.Cases.Select(c => (c.Model, c.N)));
        foreach (var c in report.Cases)
        {
            Assert.Equal(c.N, c.Participants);
            Assert.Single(c.RoundSeconds);
            Assert.Null(c.Paper);
            Assert.True(double.IsNaN(c.MixRatio));
            Assert.Equal((12.0 * c.D) + DownConstant(c.N, c.Layers), c.ParticipantReceivedBytes);
            Assert.InRange(c.ParticipantSentBytes, (12.0 * c.D) + UpConstant(0), (12.0 * c.D) + UpConstant(c.N - 1));
        }

        // Same n, 960 more parameters: exactly 12 bytes more per parameter down (the constant depends on L).
        Assert.Equal((12.0 * 960) + 4, report.Cases[3].ParticipantReceivedBytes - report.Cases[1].ParticipantReceivedBytes);
    }

    [Fact]
    public async Task ToJson_Tiny_OneRecordPerModelAndNWithTheDocumentedFields()
    {
        var report = await FflBenchmark.RunAsync(new FflBenchmarkOptions(repeat: 1, updates: [10], models: [new("adult-mlp", [20, 4, 4, 1], 24..29)]));

        using var doc = JsonDocument.Parse(report.ToJson());
        var c = Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal("adult-mlp", c.GetProperty("model").GetString());
        Assert.Equal((29, 5, 4, 10), (c.GetProperty("d").GetInt32(), c.GetProperty("last_layer").GetInt32(), c.GetProperty("layers").GetInt32(), c.GetProperty("n").GetInt32()));
        foreach (var name in new[] { "decrypt_s", "aggregate_s", "mix_s", "exchange_s", "round_s", "fedavg_aggregate_s" })
        {
            Assert.True(c.GetProperty(name).GetDouble() > 0, name);
            Assert.Equal(1, c.GetProperty(name[..^2] + "_times_s").GetArrayLength());
        }

        Assert.Equal(4 * 29, c.GetProperty("update_bytes").GetInt64());
        Assert.Equal(c.GetProperty("participant_sent_bytes").GetDouble() / (4 * 29), c.GetProperty("sent_per_update").GetDouble(), 4);
        var paper = c.GetProperty("paper");
        Assert.Equal((0.001, 0.064, 0.021, 0.231), (paper.GetProperty("fedavg_aggregate_s").GetDouble(), paper.GetProperty("decrypt_s").GetDouble(), paper.GetProperty("aggregate_s").GetDouble(), paper.GetProperty("mix_s").GetDouble()));
        Assert.Equal(JsonValueKind.Number, c.GetProperty("decrypt_ratio").ValueKind);
        Assert.Contains("Ryzen 5 3600", c.GetProperty("paper_hardware").GetString(), StringComparison.Ordinal);
        Assert.Contains("FFL Dec. S", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromCatalog_TheTwoModels_ParameterCountsLayersAndOutputLayer()
    {
        var adult = FflBenchmarkModel.FromCatalog("adult-mlp");
        var mnist = FflBenchmarkModel.FromCatalog("mnist-cnn");

        // 105 → 48 → 1: weights and biases per layer; the output layer is 48 weights and a bias.
        Assert.Equal(5_137, adult.Parameters);
        Assert.Equal([105 * 48, 48, 48, 1], adult.LayerSizes);
        Assert.Equal(5_088..5_137, adult.LastLayer);
        Assert.Equal(21_840, mnist.Parameters);
        Assert.Equal(21_840, mnist.LayerSizes.Sum());
        Assert.Equal(510, mnist.LastLayerSize);
        Assert.Equal(21_840, mnist.LastLayer.End.Value);
        Assert.Throws<ArgumentException>(() => FflBenchmarkModel.FromCatalog("cnn-cifar"));
    }

    [Fact]
    public void Options_QuickAndFull_TableVsUpdatesAndModels()
    {
        var quick = new FflBenchmarkOptions(quick: true);
        var full = new FflBenchmarkOptions();

        Assert.Equal([10], quick.Updates);
        Assert.Equal(1, quick.Repeat);
        Assert.Equal(["adult-mlp"], quick.Models.Select(m => m.Name));
        Assert.Equal([10, 50, 100], full.Updates);
        Assert.Equal(3, full.Repeat);
        Assert.Equal(["adult-mlp", "mnist-cnn"], full.Models.Select(m => m.Name));
        Assert.Equal(5, new FflBenchmarkOptions(quick: true, repeat: 5).Repeat);
    }

    [Theory]
    [InlineData(0, 10, "repeat")]
    [InlineData(1, 3, "updates")]
    [InlineData(1, 0, "updates")]
    public void Options_OutOfRange_RejectedNamingTheParameter(int repeat, int updates, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FflBenchmarkOptions(repeat: repeat, updates: [updates], models: [new("m", [4], 0..4)]));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Model_LastLayerOutsideOrEmpty_Rejected()
    {
        Assert.Equal("lastLayer", Assert.Throws<ArgumentException>(() => new FflBenchmarkModel("m", [4, 2], 4..7)).ParamName);
        Assert.Equal("lastLayer", Assert.Throws<ArgumentException>(() => new FflBenchmarkModel("m", [4, 2], 3..3)).ParamName);
        Assert.Equal("layerSizes", Assert.Throws<ArgumentException>(() => new FflBenchmarkModel("m", [4, 0], 0..4)).ParamName);
    }

    [Fact]
    public void Lookup_TableV_TheFflAndFedAvgCells()
    {
        Assert.Equal(new FflPaperFigures(0.002, 0.263, 0.04, 0.239), FflPaperFigures.Lookup("adult-mlp", 50));
        Assert.Equal(new FflPaperFigures(0.004, 0.359, 0.043, 0.249), FflPaperFigures.Lookup("adult-mlp", 100));
        Assert.Equal(new FflPaperFigures(0.001, 0.113, 0.016, 0.578), FflPaperFigures.Lookup("mnist-cnn", 10));
        Assert.Equal(new FflPaperFigures(0.002, 0.509, 0.033, 0.583), FflPaperFigures.Lookup("mnist-cnn", 50));
        Assert.Equal(new FflPaperFigures(0.004, 1.01, 0.035, 0.594), FflPaperFigures.Lookup("mnist-cnn", 100));
        Assert.Null(FflPaperFigures.Lookup("adult-mlp", 20));
        Assert.Null(FflPaperFigures.Lookup("small", 10));
    }

    [Fact]
    public void FedAvgSeconds_AnAggregation_PositiveAndTheUpdatesUntouched()
    {
        var updates = new[] { new ClientUpdate(1, 1, [1f, 2f], UpdateKind.Delta, 1, Federation.Metrics.MetricSet.Empty), new ClientUpdate(2, 1, [3f, 4f], UpdateKind.Delta, 1, Federation.Metrics.MetricSet.Empty) };

        var seconds = FflBenchmark.FedAvgSeconds(new Federation.Strategies.WeightedMeanAggregator(), updates, 3, TimeProvider.System);

        Assert.True(seconds >= 0);
        Assert.Equal([1f, 2f], updates[0].Values);
    }
}
