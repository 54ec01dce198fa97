using System.Text.Json;
using FedShield.Experiments.Output;
using FedShield.Federation.Messages;

namespace FedShield.Experiments.Tests.Output;

public class RunSummaryTests
{
    private static RunSummary Sample() => new()
    {
        Name = "fedavg-mnist",
        RunId = "20250101-120000-ab12",
        Status = RunStatus.Completed,
        Rounds = 20,
        RoundsTotal = 20,
        Final = new FinalResult(20, 0.9731, 0.0912),
        Best = new BestResult(18, 0.9744),
        Seed = 42,
        ConfigHash = "3f2a9c0d11e4b7a85566",
        Dataset = "mnist",
        Model = "mlp",
        Strategy = "fedavg",
        Parameters = 101_770,
        Traffic = new Traffic(8_141_600, 8_141_600),
        StartedUtc = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero),
        FinishedUtc = new DateTimeOffset(2025, 1, 1, 12, 3, 5, TimeSpan.Zero),
        DurationSeconds = 185.25,
        Notes = ["resumed at round 10"],
    };

    private static void AssertSame(RunSummary expected, RunSummary actual)
    {
        Assert.Equal(expected with { Notes = [] }, actual with { Notes = [] });
        Assert.Equal(expected.Notes, actual.Notes);
    }

    [Fact]
    public void WriteRead_Sample_RoundTrips()
    {
        using var dir = new TempDirectory();
        var summary = Sample();
        summary.Write(dir.File(RunFiles.Summary));
        AssertSame(summary, RunSummary.Read(dir.File(RunFiles.Summary)));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void ToJson_UsesSnakeCaseNames()
    {
        using var json = JsonDocument.Parse(Sample().ToJson());
        string[] names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        string[] expected =
        [
            "name", "run_id", "status", "rounds", "rounds_total", "final", "best", "seed", "config_hash", "dataset", "model",
            "strategy", "parameters", "traffic", "started_utc", "finished_utc", "duration_s", "notes",
        ];
        Assert.Equal(expected, names);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0.9731, json.RootElement.GetProperty("final").GetProperty("accuracy").GetDouble());
        Assert.Equal(18, json.RootElement.GetProperty("best").GetProperty("round").GetInt32());
        Assert.Equal(8_141_600, json.RootElement.GetProperty("traffic").GetProperty("sent").GetInt64());
    }

    [Fact]
    public void FromJson_RunningWithoutResults_RoundTripsNulls()
    {
        var running = new RunSummary { Name = "a", RunId = "b" };
        var read = RunSummary.FromJson(running.ToJson());
        AssertSame(running, read);
        Assert.Null(read.Final);
        Assert.Null(read.FinishedUtc);
        Assert.Equal(RunStatus.Running, read.Status);
    }

    [Fact]
    public void Read_MissingName_ThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("summary.json"), "{\"run_id\": \"x\"}");
        var error = Assert.Throws<InvalidDataException>(() => RunSummary.Read(dir.File("summary.json")));
        Assert.Contains("summary.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownStatus_Throws()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("summary.json"), "{\"name\": \"a\", \"run_id\": \"x\", \"status\": \"exploded\"}");
        Assert.Throws<InvalidDataException>(() => RunSummary.Read(dir.File("summary.json")));
    }

    [Fact]
    public void WithResults_FromRows_TakesFinalBestAndTraffic()
    {
        RoundRow[] rows =
        [
            new RoundResult { Round = 1, TestAccuracy = 0.5, TestLoss = 1.2, BytesSent = 10, BytesSentTotal = 10, BytesReceived = 20, BytesReceivedTotal = 20 }.ToRow(),
            new RoundResult { Round = 2, TestAccuracy = 0.75, TestLoss = 0.8, BytesSent = 10, BytesSentTotal = 20, BytesReceived = 20, BytesReceivedTotal = 40 }.ToRow(),
            new RoundResult { Round = 3, Status = RoundFields.Skipped, Reason = "no replies", ClientsSelected = 2, ClientsFailed = 2, BytesSent = 10, BytesSentTotal = 30, BytesReceivedTotal = 40 }.ToRow(),
            new RoundResult { Round = 4, TestAccuracy = 0.7, TestLoss = 0.9, BytesSent = 10, BytesSentTotal = 40, BytesReceived = 20, BytesReceivedTotal = 60 }.ToRow(),
        ];
        var results = RunResults.From(rows);
        Assert.Equal(new FinalResult(4, 0.7, 0.9), results.Final);
        Assert.Equal(new BestResult(2, 0.75), results.Best);
        Assert.Equal(new Traffic(40, 60), results.Traffic);
        Assert.Equal(1, results.SkippedRounds);
        Assert.Equal(2, results.FailedClients);

        var summary = new RunSummary { Name = "a", RunId = "b" }.WithResults(results);
        Assert.Equal(4, summary.Rounds);
        Assert.Equal(results.Best, summary.Best);
    }
}
