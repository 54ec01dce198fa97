using System.Text.Json;

namespace FedShield.Benchmarks.Tests;

public class AggregateBenchmarkTests
{
    [Fact]
    public void Run_Quick_TimesEveryRuleAtBothSizesAndMeasuresMemory()
    {
        var options = new AggregateBenchmarkOptions(quick: true, repeat: 2, runReference: false);

        var report = AggregateBenchmark.Run(options);

        Assert.Equal(
            [("median", 12, 2_000), ("trimmed-mean", 12, 2_000), ("multi-krum", 12, 2_000), ("median", 10, 20_000), ("trimmed-mean", 10, 20_000), ("multi-krum", 10, 20_000)],
            report.Cases.Select(c => (c.Method, c.N, c.D)));
        foreach (var c in report.Cases)
        {
            Assert.Equal(2, c.FedShieldTimesMs.Count);
            Assert.All(c.FedShieldTimesMs, t => Assert.True(t > 0, $"{c.Method}: {t} ms"));
            Assert.Equal(4L * c.N * c.D, c.UpdateSetBytes);
            // At least the result (d floats) is allocated; never more than half the update set.
            Assert.InRange(c.ExtraBytes, 4L * c.D, c.UpdateSetBytes / 2);
            Assert.Null(c.PyTorchMs);
            Assert.Null(c.Ratio);
            Assert.Null(c.MaxAbsDiff);
        }

        Assert.Equal("not run (--no-reference)", report.Reference);
        Assert.Null(report.PyTorchThreads);
    }

    [Fact]
    public void ToJson_Quick_HasExactlyTheCasesArrayWithTheDocumentedFields()
    {
        var report = AggregateBenchmark.Run(new AggregateBenchmarkOptions(quick: true, repeat: 1, runReference: false));

        using var doc = JsonDocument.Parse(report.ToJson());
        var root = doc.RootElement;
        Assert.Equal(["cases"], root.EnumerateObject().Select(p => p.Name));
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(6, cases.Count);
        foreach (var c in cases)
        {
            Assert.Contains(c.GetProperty("method").GetString(), AggregateBenchmarkOptions.Methods);
            Assert.True(c.GetProperty("n").GetInt32() > 0 && c.GetProperty("d").GetInt32() > 0);
            Assert.True(c.GetProperty("fedshield_ms").GetDouble() >= 0);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("pytorch_ms").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("ratio").ValueKind);
            Assert.True(c.GetProperty("extra_bytes").GetInt64() > 0);
            Assert.Equal(4L * c.GetProperty("n").GetInt32() * c.GetProperty("d").GetInt32(), c.GetProperty("update_set_bytes").GetInt64());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("max_abs_diff").ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, cases[2].GetProperty("selection_agrees").ValueKind);
        Assert.Equal(JsonValueKind.Null, cases[0].GetProperty("max_abs_diff_vs_torch_median").ValueKind);
    }

    [Fact]
    public void Case_WithPyTorchTimes_RatioIsMedianOverMedian()
    {
        var c = new AggregateBenchmarkCase("median", 100, 1000, [3.0, 1.0, 2.0], 1000, PyTorchTimesMs: [10.0, 30.0, 20.0, 50.0], PyTorchMidpointMs: 40, MaxAbsDiff: 0, MaxAbsDiffLowerMedian: 0.5);
        var report = new AggregateBenchmarkReport("cpu", new AggregateBenchmarkOptions(), [c], "PyTorch 1.13.0a0, 2 intra-op thread(s)", 2);

        Assert.Equal(2.0, c.FedShieldMs);
        Assert.Equal(25.0, c.PyTorchMs);
        Assert.Equal(0.08, c.Ratio!.Value, 12);
        Assert.Equal(1000.0 / 400_000, c.ExtraMemoryRatio, 12);
        using var doc = JsonDocument.Parse(report.ToJson());
        var json = doc.RootElement.GetProperty("cases")[0];
        Assert.Equal(0.08, json.GetProperty("ratio").GetDouble());
        Assert.Equal(25.0, json.GetProperty("pytorch_ms").GetDouble());
        Assert.Equal(40.0, json.GetProperty("pytorch_midpoint_ms").GetDouble());
        Assert.Equal(0.5, json.GetProperty("max_abs_diff_vs_torch_median").GetDouble());
        Assert.Equal(2, json.GetProperty("pytorch_threads").GetInt32());
        var table = report.ToTable();
        Assert.Contains("0.080x", table, StringComparison.Ordinal);
        Assert.Contains("lower of the two middle values", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SameSeed_SameUpdates_AndShiftedOnesSitApart()
    {
        var a = AggregateBenchmark.Generate(10, 4001, 2, 7);
        var b = AggregateBenchmark.Generate(10, 4001, 2, 7);

        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(a[i].Values, b[i].Values));
        Assert.Equal(Enumerable.Range(0, 10), a.Select(u => u.ClientId));
        Assert.All(a, u => Assert.InRange(u.SampleCount, 50, 500));
        double honestMean = a[..8].SelectMany(u => u.Values).Average();
        double shiftedMean = a[8..].SelectMany(u => u.Values).Average();
        Assert.InRange(honestMean, -0.001, 0.001);
        Assert.InRange(shiftedMean, 0.019, 0.021);
        Assert.InRange(Math.Sqrt(a[0].Values.Select(v => (double)v * v).Average()), 0.009, 0.011);
    }

    [Fact]
    public void Generate_MultiKrumOfTheBenchmark_ExcludesTheShiftedUpdates()
    {
        var options = new AggregateBenchmarkOptions(quick: true);
        var updates = AggregateBenchmark.Generate(20, 3000, 4, 1);

        var result = AggregateBenchmark.Create("multi-krum", options).Aggregate(updates);

        Assert.Equal([16, 17, 18, 19], result.ExcludedClients);
    }

    [Fact]
    public void Options_RepeatBelowOne_RejectedNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AggregateBenchmarkOptions(repeat: 0));
        Assert.Equal("repeat", ex.ParamName);
    }

    [Fact]
    public void Options_Sizes_FollowQuick()
    {
        Assert.Equal([(100, 100_000), (50, 1_000_000)], new AggregateBenchmarkOptions().Sizes);
        Assert.Equal([(12, 2_000), (10, 20_000)], new AggregateBenchmarkOptions(quick: true).Sizes);
        Assert.Equal(Environment.ProcessorCount, new AggregateBenchmarkOptions().Threads);
    }
}
