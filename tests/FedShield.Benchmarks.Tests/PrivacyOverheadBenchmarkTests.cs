using System.Text.Json;
using FedShield.Federation.Messages;
using FedShield.Privacy.DifferentialPrivacy;
using FedShield.Privacy.Niss;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Benchmarks.Tests;

public class PrivacyOverheadBenchmarkTests
{
    private static PrivacyOverheadOptions Tiny() => new(repeat: 2, clients: 3, dimensions: [50], workers: 2);

    [Fact]
    public async Task RunAsync_Tiny_EveryMechanismRunsWithRatiosToPlain()
    {
        var report = await PrivacyOverheadBenchmark.RunAsync(Tiny());

        Assert.Equal(PrivacyOverheadOptions.Mechanisms, report.Cases.Select(c => c.Mechanism));
        var plain = report.Cases[0];
        // Plain FedAvg per client: the fit instruction down and the update up, each a 32-byte header and 50 floats.
        Assert.Equal(WireSize.HeaderBytes + (4 * 50), plain.ClientReceivedBytes);
        Assert.Equal(WireSize.HeaderBytes + (4 * 50), plain.ClientSentBytes);
        Assert.Equal(1.0, plain.TimeRatio);
        Assert.Equal(1.0, plain.BytesRatio);
        foreach (var c in report.Cases)
        {
            Assert.Equal((50, 3), (c.D, c.Clients));
            Assert.Equal(2, c.RoundTimesMs.Count);
            Assert.All(c.RoundTimesMs, t => Assert.True(t > 0));
            Assert.Equal(c.RoundMs / plain.RoundMs, c.TimeRatio, 12);
            Assert.Equal(c.ClientBytes / plain.ClientBytes, c.BytesRatio, 12);
            Assert.True(c.CpuMsPerRound >= 0);
            Assert.Equal(c.CpuMsPerRound / plain.CpuMsPerRound, c.CpuRatio, 12);
        }

        // DP changes values, not messages; NISS and SecAgg add exchanges.
        Assert.Equal(1.0, report.Cases.Single(c => c.Mechanism == "local-dp").BytesRatio);
        Assert.Equal(1.0, report.Cases.Single(c => c.Mechanism == "central-dp").BytesRatio);
        Assert.True(report.Cases.Single(c => c.Mechanism == "niss").BytesRatio > 1);
        Assert.True(report.Cases.Single(c => c.Mechanism == "secagg").BytesRatio > 1);
    }

    [Fact]
    public async Task ToJson_Tiny_OneRecordPerMechanismWithTheDocumentedFields()
    {
        var report = await PrivacyOverheadBenchmark.RunAsync(new PrivacyOverheadOptions(repeat: 1, clients: 2, dimensions: [10, 20], workers: 2));

        using var doc = JsonDocument.Parse(report.ToJson());
        var root = doc.RootElement;
        Assert.Equal(["cases"], root.EnumerateObject().Select(p => p.Name));
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(PrivacyOverheadOptions.Mechanisms.Concat(PrivacyOverheadOptions.Mechanisms), cases.Select(c => c.GetProperty("mechanism").GetString()));
        Assert.Equal(Enumerable.Repeat(10, 5).Concat(Enumerable.Repeat(20, 5)), cases.Select(c => c.GetProperty("d").GetInt32()));
        foreach (var c in cases)
        {
            Assert.Equal(2, c.GetProperty("clients").GetInt32());
            Assert.True(c.GetProperty("round_ms").GetDouble() > 0);
            Assert.Equal(1, c.GetProperty("round_times_ms").GetArrayLength());
            Assert.Equal(c.GetProperty("client_sent_bytes").GetDouble() + c.GetProperty("client_received_bytes").GetDouble(), c.GetProperty("client_bytes").GetDouble(), 6);
            Assert.True(c.GetProperty("time_ratio").GetDouble() > 0);
            Assert.True(c.GetProperty("cpu_ms_per_round").GetDouble() >= 0);
            Assert.True(c.GetProperty("bytes_ratio").GetDouble() >= 1);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("settings").GetString()));
        }

        Assert.Contains("NissClient + NissProtocol", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EachMechanism_WrapsTheClientsOrSetsTheStrategyAsDocumented()
    {
        var options = Tiny();
        var owned = new List<IDisposable>();
        try
        {
            var plain = PrivacyOverheadBenchmark.Build("plain", options, new float[5], owned);
            var local = PrivacyOverheadBenchmark.Build("local-dp", options, new float[5], owned);
            var central = PrivacyOverheadBenchmark.Build("central-dp", options, new float[5], owned);
            var niss = PrivacyOverheadBenchmark.Build("niss", options, new float[5], owned);
            var secagg = PrivacyOverheadBenchmark.Build("secagg", options, new float[5], owned);

            Assert.All(plain.Clients, c => Assert.IsType<SecAggBenchmarkClient>(c));
            Assert.Null(plain.Strategy.Protocol);
            Assert.All(local.Clients, c => Assert.Equal(new LocalDpOptions(3, 0.05), Assert.IsType<LocalDpClient>(c).Options));
            var dp = Assert.IsType<CentralDpAggregator>(central.Strategy.Aggregator);
            Assert.Equal(new CentralDpOptions(3, 1.0, 3), dp.Options);
            Assert.All(niss.Clients, c => Assert.IsType<NissClient>(c));
            var protocol = Assert.IsType<NissProtocol>(niss.Strategy.Protocol);
            Assert.Equal((0.01, 0.5, Math.Sqrt(0.05)), (protocol.Options.UnitVariance, protocol.Options.Tau, protocol.Options.NoiseStd!.Value));
            Assert.All(secagg.Clients, c => Assert.IsType<SecureAggregationClient>(c));
            Assert.IsType<SecureAggregationProtocol>(secagg.Strategy.Protocol);
            Assert.Equal(3 + 1 + 3 + 3, owned.Count); // the wrapped clients and the aggregator
        }
        finally
        {
            owned.ForEach(o => o.Dispose());
        }

        var ex = Assert.Throws<ArgumentException>(() => PrivacyOverheadBenchmark.Build("ffl", options, new float[5], []));
        Assert.Contains("unknown mechanism 'ffl'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_TenClientsAndTheIssuesLengths()
    {
        Assert.Equal(10, new PrivacyOverheadOptions().Clients);
        Assert.Equal([10_000, 100_000, 1_000_000], new PrivacyOverheadOptions().Dimensions);
        Assert.Equal([10_000], new PrivacyOverheadOptions(quick: true).Dimensions);
    }

    [Theory]
    [InlineData(0, 10, "repeat")]
    [InlineData(3, 1, "clients")]
    public void Options_OutOfRange_RejectedNamingTheParameter(int repeat, int clients, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyOverheadOptions(repeat: repeat, clients: clients));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Options_EmptyOrNonPositiveLengths_Rejected()
    {
        Assert.Equal("dimensions", Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyOverheadOptions(dimensions: [])).ParamName);
        Assert.Equal("dimensions", Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyOverheadOptions(dimensions: [10, 0])).ParamName);
    }
}
