using System.Text.Json;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;

namespace FedShield.Benchmarks.Tests;

public class NetworkBenchmarkTests
{
    [Fact]
    public async Task RunAsync_Quick_EveryRoundHasAllClientsAndCarriesTheirUpdates()
    {
        var options = new NetworkBenchmarkOptions(quick: true);

        var report = await NetworkBenchmark.RunAsync(options);

        var c = Assert.Single(report.Cases);
        Assert.True(report.Ok, string.Join("; ", c.Problems));
        Assert.Equal((20, NetworkBenchmarkOptions.DefaultDimension, 3), (c.N, c.D, c.Rounds));
        Assert.All(c.Participants, p => Assert.Equal(20, p));
        Assert.All(c.Failures, f => Assert.Equal(0, f));
        Assert.True(c.RoundsPerSecond > 0);
        Assert.All(c.RoundSeconds, t => Assert.True(t > 0));
        Assert.True(c.MedianRoundSeconds > 0);
        // Each client: the global weights down and its update up, 4 bytes per float each way, plus framing.
        var payload = 4L * c.D * c.N;
        Assert.All(c.SentBytes, b => Assert.True(b >= payload, $"{b} bytes sent in a round; expected at least {payload}"));
        Assert.All(c.ReceivedBytes, b => Assert.True(b >= payload, $"{b} bytes received in a round; expected at least {payload}"));
        Assert.True(c.BytesPerRound >= 2.0 * payload);
        // Per round every client answers once; its polls may straddle the measured window, so they are not counted on.
        Assert.True(c.ServerCalls >= (long)c.N * c.Rounds, $"{c.ServerCalls} calls");
        Assert.Equal(0, c.RefusedCalls);
        Assert.True(c.Alone.WorkingSetBytes > 0 && c.After.WorkingSetBytes > 0);
        Assert.True(c.After.LiveHeapBytes > 0 && c.PeakHeapBytes > 0);
    }

    [Fact]
    public async Task ToJson_Quick_OneWellFormedRecordPerClientCount()
    {
        var report = await NetworkBenchmark.RunAsync(new NetworkBenchmarkOptions(clients: [3, 5], rounds: 2, dimension: 10));

        using var doc = JsonDocument.Parse(report.ToJson());
        Assert.Equal(["cases"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal([3, 5], cases.Select(c => c.GetProperty("n").GetInt32()));
        foreach (var c in cases)
        {
            var n = c.GetProperty("n").GetInt32();
            Assert.Equal((10, 2), (c.GetProperty("d").GetInt32(), c.GetProperty("rounds").GetInt32()));
            Assert.Equal([n, n], c.GetProperty("participants").EnumerateArray().Select(p => p.GetInt32()));
            Assert.Equal([0, 0], c.GetProperty("failures").EnumerateArray().Select(p => p.GetInt32()));
            Assert.True(c.GetProperty("rounds_per_s").GetDouble() > 0);
            Assert.Equal(2, c.GetProperty("round_times_s").GetArrayLength());
            Assert.True(c.GetProperty("bytes_per_round").GetDouble() >= n * 2 * 4 * 10);
            var memory = c.GetProperty("memory");
            Assert.True(memory.GetProperty("shared_process").GetBoolean());
            Assert.True(memory.GetProperty("alone").GetProperty("working_set_bytes").GetInt64() > 0);
            Assert.True(memory.GetProperty("after").GetProperty("gc_heap_size_bytes").GetInt64() > 0);
            Assert.True(c.GetProperty("ok").GetBoolean());
            Assert.Equal(0, c.GetProperty("problems").GetArrayLength());
        }

        Assert.Contains("Every round had all N clients", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FewerParticipantsThanClients_ReportsAFailureLine()
    {
        var failure = new ClientFailure(3, 1, FailureKind.Timeout, "no answer");
        var record = new RoundRecord(1, RoundOutcome.Applied, null, [1, 2, 3], [1, 2], [failure], null, [], default, MetricSet.Empty);
        var problems = new List<string>();

        NetworkBenchmark.Check(record, 3, "timed round 1", problems);

        Assert.Equal(2, problems.Count);
        Assert.Contains("2 participants of 3 selected; expected 3", problems[0], StringComparison.Ordinal);
        Assert.Contains("client 3: Timeout no answer", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrometheusText_SumsCallsAndRefusals()
    {
        const string text = """
            # HELP fedshield_calls_total gRPC calls received, by method.
            # TYPE fedshield_calls_total counter
            fedshield_calls_total{method="Answer"} 40
            fedshield_calls_total{method="Next"} 61
            fedshield_rejected_total{reason="ResourceExhausted"} 3
            fedshield_bytes_sent_total 123456
            fedshield_clients_available 20
            """;

        var counters = NetworkServerMetrics.Parse(text) - new NetworkServerMetrics(1, 1);

        Assert.Equal(new NetworkServerMetrics(100, 2), counters);
    }

    [Theory]
    [InlineData(0, 3, 10)]
    [InlineData(5, 0, 10)]
    [InlineData(5, 3, 0)]
    public void Options_OutOfRange_Throw(int clients, int rounds, int dimension) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkBenchmarkOptions(clients: [clients], rounds: rounds, dimension: dimension));

    [Fact]
    public void Options_Quick_TwentyClientsThreeRounds()
    {
        var quick = new NetworkBenchmarkOptions(quick: true);
        var full = new NetworkBenchmarkOptions();

        Assert.Equal([20], quick.Clients);
        Assert.Equal(3, quick.Rounds);
        Assert.Equal([100, 300, 500], full.Clients);
        Assert.Equal(NetworkBenchmarkOptions.DefaultRounds, full.Rounds);
        Assert.Equal(1_000, full.Dimension);
    }
}
