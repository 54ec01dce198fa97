using System.Text.Json;

namespace FedShield.Benchmarks.Tests;

public class RoundBenchmarkTests
{
    [Fact]
    public async Task RunAsync_TinyMnistFederation_TimesRoundsAndMeasuresMemory()
    {
        var options = new RoundBenchmarkOptions(clients: 3, samples: 64, epochs: 1, rounds: 2, workers: 2, seed: 7, runReference: false);

        var report = await RoundBenchmark.RunAsync(options);

        Assert.Equal(2, report.RoundSeconds.Count);
        Assert.All(report.RoundSeconds, s => Assert.True(s > 0, $"round took {s} s"));
        Assert.Equal(report.RoundSeconds.Average(), report.FedShieldRoundSeconds, 12);
        Assert.True(double.IsFinite(report.FinalTrainLoss) && report.FinalTrainLoss > 0, $"loss {report.FinalTrainLoss}");
        var m = report.Memory;
        Assert.Equal(21_840, m.ModelParameters);
        Assert.Equal(4 * 21_840, m.ModelBytes);
        Assert.Equal(2, m.Workers);
        Assert.InRange(m.ModelInstances, 1, 2);
        Assert.InRange(m.WarmupReorderDepth, 0, 2);
        Assert.InRange(m.MaxReorderDepth, 0, 2);
        Assert.InRange(m.WarmupUpdatesHeld, 1, 3);
        Assert.InRange(m.MaxUpdatesHeld, 1, 3);
        Assert.Equal(4L * 3 * 64 * (28 * 28 + 1), m.DataBytes);
        Assert.True(m.PeakLiveHeapBytes > 0 && m.HeapBeforeRoundBytes > 0 && m.PeakSampledHeapBytes > 0);
        Assert.True(m.PeakWorkingSetBytes >= m.DataBytes, $"working set {m.PeakWorkingSetBytes} below the data's {m.DataBytes}");
        Assert.Null(report.Reference.RoundSeconds);
        Assert.Null(report.Ratio);
        Assert.Equal("not run (--no-reference)", report.Reference.Note);
    }

    [Fact]
    public async Task RunAsync_AdultMlpWithReference_SaysWhyPyTorchDidNotRun()
    {
        var options = new RoundBenchmarkOptions(workload: "adult-mlp", clients: 5, samples: 8, workers: 2);

        var report = await RoundBenchmark.RunAsync(options);

        Assert.Equal(5_137, report.Memory.ModelParameters);
        Assert.Equal(4L * 5 * 8 * (105 + 1), report.Memory.DataBytes);
        Assert.Null(report.Ratio);
        Assert.Contains("mnist-cnn only", report.Reference.Note, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(report.ToJson());
        var root = doc.RootElement;
        Assert.True(root.GetProperty("fedshield_round_s").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pytorch_round_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ratio").ValueKind);
        Assert.Equal("adult-mlp", root.GetProperty("workload").GetString());
        Assert.Equal(5, root.GetProperty("clients").GetInt32());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        Assert.StartsWith("adam(", root.GetProperty("optimizer").GetString(), StringComparison.Ordinal);
        foreach (var field in new[] { "peak_live_heap_mib", "peak_sampled_heap_mib", "peak_working_set_mib", "data_mib", "updates_in_flight_mib" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public void Options_Defaults_FollowTheWorkload()
    {
        var cnn = new RoundBenchmarkOptions();
        Assert.Equal((50, 600, 3, 64, 1), (cnn.Clients, cnn.Samples, cnn.Epochs, cnn.BatchSize, cnn.Rounds));
        Assert.Equal(Environment.ProcessorCount, cnn.Workers);
        Assert.Equal(0.01, cnn.Optimizer.LearningRate);
        Assert.Equal(0.9, cnn.Optimizer.Momentum);

        var mlp = new RoundBenchmarkOptions(workload: "adult-mlp", clients: 1000);
        Assert.Equal((1000, 32, 1, 32), (mlp.Clients, mlp.Samples, mlp.Epochs, mlp.BatchSize));
        Assert.Equal(Learning.OptimizerKind.Adam, mlp.Optimizer.Kind);

        var custom = new RoundBenchmarkOptions(samples: 10, epochs: 2, batchSize: 5, workers: 3);
        Assert.Equal((10, 2, 5, 3), (custom.Samples, custom.Epochs, custom.BatchSize, custom.Workers));
    }

    [Theory]
    [InlineData(0, 1, 1, 1, 1, 0, "clients")]
    [InlineData(1, 0, 1, 1, 1, 0, "samples")]
    [InlineData(1, 1, 0, 1, 1, 0, "epochs")]
    [InlineData(1, 1, 1, 0, 1, 0, "batchSize")]
    [InlineData(1, 1, 1, 1, 0, 0, "rounds")]
    [InlineData(1, 1, 1, 1, 1, -1, "workers")]
    public void Options_CountOutOfRange_RejectedNamingIt(int clients, int samples, int epochs, int batch, int rounds, int workers, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RoundBenchmarkOptions(clients: clients, samples: samples, epochs: epochs, batchSize: batch, rounds: rounds, workers: workers));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownWorkload_RejectedListingKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoundBenchmarkOptions(workload: "resnet"));
        Assert.Contains("resnet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mnist-cnn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TooManySamplesForOneArray_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoundBenchmarkOptions(clients: 100_000, samples: 600));
    }

    [Fact]
    public void Report_Ratio_IsFedShieldOverPyTorch()
    {
        var memory = new RoundMemory(21_840, 2, 2, 1, 3, 2, 4, 1 << 20, 0, 2 << 20, 3 << 20, 2 << 20, 2 << 20, 4 << 20, 64 << 20);
        var reference = new RoundReferenceResult(8.0, 2, 1, "1.13.0a0", 2.3, "PyTorch 1.13.0a0, 2 intra-op thread(s)");
        var report = new RoundBenchmarkReport("cpu", new RoundBenchmarkOptions(runReference: true), [1.0, 3.0], 2.2, memory, reference);

        Assert.Equal(2.0, report.FedShieldRoundSeconds);
        Assert.Equal(0.25, report.Ratio);
        using var doc = JsonDocument.Parse(report.ToJson());
        Assert.Equal(0.25, doc.RootElement.GetProperty("ratio").GetDouble());
        Assert.Equal(8.0, doc.RootElement.GetProperty("pytorch_round_s").GetDouble());
        Assert.Equal(2, doc.RootElement.GetProperty("pytorch_threads").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("pytorch_default_threads").GetInt32());
        Assert.Equal(1.0, doc.RootElement.GetProperty("round_live_extra_mib").GetDouble());
        Assert.Contains("0.250x", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_DerivedFigures_FollowTheirDefinitions()
    {
        var m = new RoundMemory(ModelParameters: 1000, Workers: 4, ModelInstances: 4, WarmupReorderDepth: 6, MaxReorderDepth: 2, WarmupUpdatesHeld: 9, MaxUpdatesHeld: 7, DataBytes: 100, BaselineHeapBytes: 50, HeapBeforeRoundBytes: 400, PeakLiveHeapBytes: 900, HeapAfterRoundBytes: 500, HeapAfterTimedBytes: 500, PeakSampledHeapBytes: 1200, PeakWorkingSetBytes: 5000);
        Assert.Equal(4000, m.ModelBytes);
        Assert.Equal(4000 * (4 + 9), m.UpdatesInFlightBytes);
        Assert.Equal(500, m.RoundLiveExtraBytes);
        Assert.Equal(250, m.SetupBytes);
    }
}
