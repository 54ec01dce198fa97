using System.Text.Json;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Benchmarks.Tests;

public class SecAggBenchmarkTests
{
    // A fixed, fast "machine", so that skip decisions do not depend on the test host.
    private static readonly SecAggCalibration Fast = new(PrgBytesPerSecond: 1e9, DeriveSeconds: 2e-4, SealOpenSeconds: 1e-5, Threads: 2);

    private static SecAggBenchmarkOptions Tiny(double maxSeconds = 60) =>
        new(maxSeconds: maxSeconds, clients: [3, 5], dimensions: [7, 100], workers: 2);

    [Fact]
    public async Task RunAsync_TinySweep_RunsEveryCaseInOrderWithConsistentMeasurements()
    {
        var report = await SecAggBenchmark.RunAsync(Tiny(), calibration: Fast);

        var expected =
            from v in new[] { SecureAggregationVariant.SecAgg, SecureAggregationVariant.SecAggPlus }
            from n in new[] { 3, 5 }
            from d in new[] { 7, 100 }
            from f in new[] { 0.0, 0.3 }
            select (v, n, d, f);
        Assert.Equal(expected, report.Cases.Select(c => (c.Variant, c.N, c.D, c.Dropout)));
        Assert.Same(Fast, report.Calibration);
        foreach (var c in report.Cases)
        {
            var m = Assert.IsType<SecAggMeasurement>(c.Measured);
            Assert.Null(c.SkipReason);
            Assert.Equal((int)Math.Floor(c.Dropout * c.N), c.Dropped);
            Assert.Equal(c.N - c.Dropped, m.Survivors);
            Assert.Equal((c.N / 2) + 1, m.Threshold);
            Assert.Equal(c.N - 1, m.Degree); // n ≤ 5: SecAgg+'s default graph is complete too
            Assert.Equal(c.Estimate.Degree, m.Degree);
            Assert.Equal(32, m.Bits);
            Assert.InRange(m.MaxAbsError, 0, m.ErrorBound + 1e-7);
            Assert.True(m.ErrorBound > 0);
            Assert.InRange(m.ClientSecondsMean, 0, m.ClientSecondsMax);
            Assert.True(m.ServerSeconds > 0 && m.WallSeconds >= m.ServerSeconds, $"server {m.ServerSeconds} s, wall {m.WallSeconds} s");
            Assert.True(m.CpuSeconds >= 0, $"cpu {m.CpuSeconds} s"); // the OS counts CPU time in ticks: a tiny round may read 0
            // A survivor uploads at least its masked input (d + 1 words of 4 bytes) and downloads at least the model.
            Assert.True(m.ClientSentBytesMean >= 4.0 * (c.D + 1), $"sent {m.ClientSentBytesMean}");
            Assert.True(m.ClientReceivedBytesMean >= 4.0 * c.D, $"received {m.ClientReceivedBytesMean}");
            // The server's traffic covers every survivor's, and the dropped clients' too.
            Assert.True(m.ServerReceivedBytes >= m.ClientSentBytesMean * m.Survivors);
            Assert.Equal(m.ServerSentBytes + m.ServerReceivedBytes, m.ServerTotalBytes);
            Assert.Equal(m.ClientSentBytesMean / (4.0 * c.D), m.Expansion(c.D), 12);
        }

        Assert.True(report.Cases.Sum(c => c.Measured!.CpuSeconds) > 0);
    }

    [Fact]
    public async Task RunAsync_DroppedClients_ServerRebuildsTheirMasksAndGetsNoInputFromThem()
    {
        var report = await SecAggBenchmark.RunAsync(new SecAggBenchmarkOptions(clients: [5], dimensions: [20], variants: [SecureAggregationVariant.SecAgg], workers: 2), calibration: Fast);

        var (none, some) = (report.Cases[0], report.Cases[1]);
        Assert.Equal(0, none.Dropped);
        Assert.Equal(1, some.Dropped);
        Assert.True(some.Estimate.ServerDerivations > 0);
        Assert.Equal(0, none.Estimate.ServerDerivations);
        // The dropped client never uploads a masked input, so the server receives less.
        Assert.True(some.Measured!.ServerReceivedBytes < none.Measured!.ServerReceivedBytes);
    }

    [Fact]
    public async Task RunAsync_CaseOverBudget_ReportedAsSkippedWithEstimateAndReason()
    {
        var small = SecAggEstimate.Of(SecureAggregationVariant.SecAgg, 3, 7, 0, 32, Fast, 2, Environment.ProcessorCount);
        var large = SecAggEstimate.Of(SecureAggregationVariant.SecAgg, 5, 7, 0, 32, Fast, 2, Environment.ProcessorCount);
        Assert.True(small.Seconds < large.Seconds);
        var options = new SecAggBenchmarkOptions(maxSeconds: (small.Seconds + large.Seconds) / 2, clients: [3, 5], dimensions: [7], dropouts: [0], variants: [SecureAggregationVariant.SecAgg], workers: 2);

        var report = await SecAggBenchmark.RunAsync(options, calibration: Fast);

        Assert.Equal([3, 5], report.Cases.Select(c => c.N));
        Assert.False(report.Cases[0].Skipped);
        var skipped = report.Cases[1];
        Assert.True(skipped.Skipped);
        Assert.Null(skipped.Measured);
        Assert.Equal(large, skipped.Estimate);
        Assert.Contains("exceeds the budget", skipped.SkipReason, StringComparison.Ordinal);
        Assert.Contains("key work", skipped.SkipReason, StringComparison.Ordinal);
        Assert.Contains("skipped: estimated", report.ToTable(), StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(report.ToJson());
        var json = doc.RootElement.GetProperty("cases")[1];
        Assert.Equal("skipped", json.GetProperty("status").GetString());
        Assert.Equal(skipped.SkipReason, json.GetProperty("skip_reason").GetString());
        Assert.True(json.GetProperty("estimated_seconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("client_seconds_mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("server_bytes_total").ValueKind);
        Assert.Equal(4, json.GetProperty("degree").GetInt32());
    }

    [Fact]
    public async Task ToJson_TinySweep_OneRecordPerCaseWithTheDocumentedFields()
    {
        var options = new SecAggBenchmarkOptions(clients: [4], dimensions: [10], workers: 2);
        var report = await SecAggBenchmark.RunAsync(options, calibration: Fast);

        using var doc = JsonDocument.Parse(report.ToJson());
        var root = doc.RootElement;
        Assert.Equal(["cases"], root.EnumerateObject().Select(p => p.Name));
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["secagg", "secagg", "secagg+", "secagg+"], cases.Select(c => c.GetProperty("variant").GetString()));
        Assert.Equal([0.0, 0.3, 0.0, 0.3], cases.Select(c => c.GetProperty("dropout").GetDouble()));
        foreach (var c in cases)
        {
            Assert.Equal(4, c.GetProperty("n").GetInt32());
            Assert.Equal(10, c.GetProperty("d").GetInt32());
            Assert.Equal("ok", c.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("skip_reason").ValueKind);
            Assert.True(c.GetProperty("cpu_seconds").GetDouble() >= 0);
            foreach (var name in new[] { "client_seconds_mean", "client_seconds_max", "server_seconds", "wall_seconds", "client_sent_bytes_mean", "client_received_bytes_mean", "server_bytes_total", "estimated_seconds", "error_bound" })
            {
                Assert.True(c.GetProperty(name).GetDouble() > 0, name);
            }

            Assert.Equal(c.GetProperty("server_sent_bytes").GetInt64() + c.GetProperty("server_received_bytes").GetInt64(), c.GetProperty("server_bytes_total").GetInt64());
            Assert.Equal(4 - c.GetProperty("dropped").GetInt32(), c.GetProperty("survivors").GetInt32());
            Assert.Equal(3, c.GetProperty("threshold").GetInt32());
            Assert.Equal(3, c.GetProperty("degree").GetInt32());
            Assert.Equal(32, c.GetProperty("bits").GetInt32());
            Assert.True(c.GetProperty("max_abs_error").GetDouble() <= c.GetProperty("error_bound").GetDouble() + 1e-7);
            Assert.Equal(Fast.PairSeconds, c.GetProperty("calibration_pair_seconds").GetDouble(), 15);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("cpu").GetString()));
        }

        Assert.Contains("secagg+", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WrongExpectedMean_TheCheckFailsLoudlyNamingTheCase()
    {
        var options = new SecAggBenchmarkOptions(clients: [3], dimensions: [8], dropouts: [0], variants: [SecureAggregationVariant.SecAgg], workers: 2) { ExpectedMeanShift = 1e-3 };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SecAggBenchmark.RunAsync(options, calibration: Fast));

        Assert.Contains("secagg n = 3, d = 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unmasked aggregate is wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RoundThatDidNotComplete_Throws()
    {
        var outcome = new ProtocolOutcome(null, "stage 2: too few survivors", [], [new ClientFailure(1, 1, FailureKind.Unavailable, "client 1 dropped")], new Dictionary<int, Traffic>(), MetricSet.Empty);

        var ex = Assert.Throws<InvalidOperationException>(() => SecAggBenchmark.Check(outcome, [0, 1], [1f, 2f], 0, "case", out _));

        Assert.Contains("did not complete: stage 2: too few survivors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("client 1 dropped", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SumOfOtherClientsThanTheSurvivors_Throws()
    {
        var outcome = Outcome([0, 2], [1.5f, 1.5f], bound: 1e-6);

        var ex = Assert.Throws<InvalidOperationException>(() => SecAggBenchmark.Check(outcome, [0, 1], [1f, 2f], 0, "case", out _));

        Assert.Contains("the survivors are [0, 1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HandComputedMean_AcceptsWithinTheBoundAndRejectsBeyondIt()
    {
        // Base [1, 2]: client 0 keeps it, client 1 rotates it by 7919 mod 2 = 1 → [2, 1]; mean [1.5, 1.5].
        var ok = Outcome([0, 1], [1.5f, 1.5000005f], bound: 1e-6);
        var bad = Outcome([0, 1], [1.5f, 1.50001f], bound: 1e-6);

        var error = SecAggBenchmark.Check(ok, [0, 1], [1f, 2f], 0, "case", out var bound);

        Assert.Equal(1e-6, bound);
        Assert.Equal(1.5000005f - 1.5, error, 12);
        var ex = Assert.Throws<InvalidOperationException>(() => SecAggBenchmark.Check(bad, [0, 1], [1f, 2f], 0, "case", out _));
        Assert.Contains("coordinate 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_SecAggWithDropouts_MatchesTheHandComputedCost()
    {
        // n = 10, d = 999 (E·w = 1000·4 bytes), 3 dropped: 7 survivors, degree 9.
        var e = SecAggEstimate.Of(SecureAggregationVariant.SecAgg, 10, 999, 3, 32, Fast, workers: 2, serverThreads: 2);

        Assert.Equal(9, e.Degree);
        Assert.Equal(7 * 11 * 4000.0, e.ClientPrgBytes);
        Assert.Equal(90, e.ClientPairs);
        Assert.Equal(21, e.ServerDerivations); // 3 dropped · 9 neighbours · 7/9 of them survivors
        Assert.Equal(((2 * 7) + 21) * 4000.0, e.ServerPrgBytes);
        var pair = (2 * 2e-4) + 1e-5;
        var seconds = (((7 * 11 * 4000.0) / 1e9) + (90 * pair)) / 2 + ((35 * 4000.0) / 1e9 / 2) + (21 * 2e-4 / 2);
        Assert.Equal(seconds, e.Seconds, 12);
    }

    [Fact]
    public void Estimate_SecAggPlus_UsesTheDefaultDegreeAndWideWordsAbove32Bits()
    {
        var plus = SecAggEstimate.Of(SecureAggregationVariant.SecAggPlus, 500, 99, 0, 32, Fast, 2, 2);
        var wide = SecAggEstimate.Of(SecureAggregationVariant.SecAgg, 4, 99, 0, 48, Fast, 2, 2);

        Assert.Equal(72, plus.Degree); // 2·⌈4·log2 500⌉
        Assert.Equal(500 * 74 * 100 * 4.0, plus.ClientPrgBytes);
        Assert.Equal(500 * 72, plus.ClientPairs);
        Assert.Equal(4 * 5 * 100 * 8.0, wide.ClientPrgBytes);
    }

    [Fact]
    public void DroppedClients_SameSeed_SameDistinctClients()
    {
        var a = SecAggBenchmark.DroppedClients(100, 30, 7);
        var b = SecAggBenchmark.DroppedClients(100, 30, 7);

        Assert.Equal(30, a.Count);
        Assert.All(a, id => Assert.InRange(id, 0, 99));
        Assert.Equal(a.Order(), b.Order());
        Assert.NotEqual(a.Order(), SecAggBenchmark.DroppedClients(100, 30, 8).Order());
        Assert.Empty(SecAggBenchmark.DroppedClients(10, 0, 7));
    }

    [Fact]
    public void BenchmarkClient_DeltaOf_RotatesTheBaseByIdTimes7919()
    {
        float[] baseDelta = [1, 2, 3, 4, 5];
        var delta = new float[5];

        SecAggBenchmarkClient.DeltaOf(0, baseDelta, delta);
        Assert.Equal(baseDelta, delta);
        SecAggBenchmarkClient.DeltaOf(1, baseDelta, delta); // 7919 mod 5 = 4
        Assert.Equal([5f, 1, 2, 3, 4], delta);
        SecAggBenchmarkClient.DeltaOf(2, baseDelta, delta); // 15838 mod 5 = 3
        Assert.Equal([4f, 5, 1, 2, 3], delta);
    }

    [Fact]
    public async Task BenchmarkClient_FitAsync_FreshCopyWithSampleCountOne()
    {
        var client = new SecAggBenchmarkClient(1, [1, 2, 3, 4, 5]);
        var instruction = new FitInstruction(3, 1, new float[5], 0, FitSettings.Default);

        var first = Assert.IsType<ClientUpdate>(await client.FitAsync(instruction, CancellationToken.None));
        first.Values[0] = 99;
        var second = Assert.IsType<ClientUpdate>(await client.FitAsync(instruction, CancellationToken.None));

        Assert.Equal([5f, 1, 2, 3, 4], second.Values);
        Assert.Equal((1, 3, 1L, UpdateKind.Delta), (second.ClientId, second.Round, second.SampleCount, second.Kind));
    }

    [Fact]
    public void Options_Defaults_AreTheIssuesSweepAndQuickIsCiScale()
    {
        var full = new SecAggBenchmarkOptions();
        var quick = new SecAggBenchmarkOptions(quick: true);

        Assert.Equal([10, 100, 500], full.Clients);
        Assert.Equal([10_000, 100_000, 1_000_000], full.Dimensions);
        Assert.Equal([0, 0.3], full.Dropouts);
        Assert.Equal([SecureAggregationVariant.SecAgg, SecureAggregationVariant.SecAggPlus], full.Variants);
        Assert.Equal(SecAggBenchmarkOptions.DefaultMaxSeconds, full.MaxSeconds);
        Assert.Equal([10, 100], quick.Clients);
        Assert.Equal([10_000], quick.Dimensions);
        Assert.Equal(SecureAggregationVariant.SecAggPlus, full.ProtocolOptions(SecureAggregationVariant.SecAggPlus).Variant);
    }

    [Theory]
    [InlineData(0.0, null, null, "maxSeconds")]
    [InlineData(double.PositiveInfinity, null, null, "maxSeconds")]
    [InlineData(60.0, 1, null, "clients")]
    [InlineData(60.0, null, 0.5, "dropouts")]
    public void Options_OutOfRange_RejectedNamingTheParameter(double maxSeconds, int? clients, double? dropout, string parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new SecAggBenchmarkOptions(
            maxSeconds: maxSeconds,
            clients: clients is { } n ? [n] : null,
            dropouts: dropout is { } f ? [f] : null));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Options_BadRingWidth_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecAggBenchmarkOptions(bits: 4));
    }

    [Fact]
    public void Calibration_Measure_GivesPositiveFiniteFigures()
    {
        var c = SecAggCalibration.Measure(1);

        Assert.Equal(1, c.Threads);
        foreach (var v in new[] { c.PrgBytesPerSecond, c.DeriveSeconds, c.SealOpenSeconds })
        {
            Assert.True(double.IsFinite(v) && v > 0, $"{v}");
        }

        Assert.Equal((2 * c.DeriveSeconds) + c.SealOpenSeconds, c.PairSeconds, 15);
    }

    private static ProtocolOutcome Outcome(int[] participants, float[] delta, double bound) =>
        new(AggregationResult.Of(delta), null, participants, [], new Dictionary<int, Traffic>(), MetricSet.Of(new Metric("secagg.error_bound", bound)));
}
