using FedShield.Experiments.Registry;
using Microsoft.Data.Sqlite;

namespace FedShield.Experiments.Tests.Registry;

public class RunRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static RunEntry Entry(string id, string root, string name = "mnist-fedavg", DateTimeOffset? started = null, RunStatus status = RunStatus.Running) =>
        new(id, name, "hash-" + name, status, started ?? T0, roundsTotal: 10, seed: 42, dataset: "mnist", model: "mnist-cnn",
            strategy: "fedavg", directory: Path.Combine(root, "runs", id));

    [Fact]
    public void Constructor_MissingFolders_CreatesThemAndTheSchema()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "a", "b", "registry.db");

        var registry = new RunRegistry(path);

        Assert.True(File.Exists(path));
        Assert.Equal(path, registry.DatabasePath);
        Assert.Empty(registry.List());
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version";
        Assert.Equal(RunRegistry.SchemaVersion, Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Register_ThenGet_ReturnsAnEqualEntry()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        var entry = new RunEntry(
            "run-1", "cifar", "abc123", RunStatus.Completed, new DateTimeOffset(2025, 3, 1, 14, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            roundsTotal: 50, seed: long.MinValue, dataset: "cifar10", model: "mlp(hidden=[64])", strategy: "fedadam",
            directory: dir.File("runs/run-1/"), finishedUtc: T0.AddHours(3), roundsDone: 50, finalAccuracy: 0.8125, finalLoss: 0.43);

        registry.Register(entry);
        var read = registry.Get("run-1");

        Assert.Equal(entry, read);
        Assert.Equal(TimeSpan.Zero, read!.StartedUtc.Offset);
        Assert.Equal(Path.Combine(dir.Path, "runs", "run-1"), read.Directory);
        Assert.Null(registry.Get("run-2"));
    }

    [Fact]
    public void Register_DuplicateId_Throws()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        registry.Register(Entry("x", dir.Path));

        var ex = Assert.Throws<InvalidOperationException>(() => registry.Register(Entry("x", dir.Path, name: "other")));

        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("mnist-fedavg", registry.Get("x")!.Name);
    }

    [Fact]
    public void Updates_ProgressStatusAndMetrics_AreStored()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        registry.Register(Entry("r", dir.Path));

        registry.UpdateProgress("r", 4);
        Assert.Equal(4, registry.Get("r")!.RoundsDone);

        registry.UpdateStatus("r", RunStatus.Interrupted, T0.AddMinutes(5));
        var interrupted = registry.Get("r")!;
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(T0.AddMinutes(5), interrupted.FinishedUtc);

        registry.UpdateStatus("r", RunStatus.Running);
        Assert.Null(registry.Get("r")!.FinishedUtc);

        registry.UpdateFinalMetrics("r", 0.9, 0.31);
        Assert.Equal((0.9, 0.31), (registry.Get("r")!.FinalAccuracy!.Value, registry.Get("r")!.FinalLoss!.Value));

        var finished = registry.Finish("r", RunStatus.Completed, T0.AddHours(1), 10, 0.95, 0.2);
        Assert.Equal(finished, registry.Get("r"));
        Assert.Equal((RunStatus.Completed, 10, 0.95, 0.2), (finished.Status, finished.RoundsDone, finished.FinalAccuracy!.Value, finished.FinalLoss!.Value));
    }

    [Fact]
    public void Updates_InvalidValuesOrUnknownId_ThrowAndLeaveTheRowUnchanged()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        registry.Register(Entry("r", dir.Path));
        var before = registry.Get("r");

        Assert.Throws<ArgumentOutOfRangeException>(() => registry.UpdateProgress("r", 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.UpdateProgress("r", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.UpdateStatus("r", RunStatus.Failed, T0.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.UpdateFinalMetrics("r", 1.5, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.UpdateFinalMetrics("r", null, double.NaN));
        Assert.Throws<KeyNotFoundException>(() => registry.UpdateProgress("nope", 1));
        Assert.Throws<KeyNotFoundException>(() => registry.Finish("nope", RunStatus.Failed, T0, 0, null, null));
        Assert.Equal(before, registry.Get("r"));
    }

    [Fact]
    public void List_Filters_ByStatusNameAndHashOldestFirst()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        registry.Register(Entry("c", dir.Path, "b", T0.AddHours(2)));
        registry.Register(Entry("a", dir.Path, "a", T0.AddHours(1)));
        registry.Register(Entry("b", dir.Path, "a", T0.AddHours(3), RunStatus.Failed));
        registry.Register(Entry("d", dir.Path, "a", T0.AddHours(1)));

        Assert.Equal(["a", "d", "c", "b"], registry.List().Select(e => e.Id));
        Assert.Equal(["a", "d", "b"], registry.List(new RunFilter(Name: "a")).Select(e => e.Id));
        Assert.Equal(["b"], registry.List(new RunFilter(Status: RunStatus.Failed)).Select(e => e.Id));
        Assert.Equal(["a", "d"], registry.List(new RunFilter(RunStatus.Running, "a")).Select(e => e.Id));
        Assert.Equal(["c"], registry.List(new RunFilter(ConfigHash: "hash-b")).Select(e => e.Id));
        Assert.Empty(registry.List(new RunFilter(RunStatus.Completed)));
    }

    [Fact]
    public void FindByDirectory_EquivalentSpellings_FindTheRun()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        registry.Register(Entry("r1", dir.Path));

        Assert.Equal("r1", registry.FindByDirectory(Path.Combine(dir.Path, "runs", "r1"))!.Id);
        Assert.Equal("r1", registry.FindByDirectory(Path.Combine(dir.Path, "runs", "x", "..", "r1") + Path.DirectorySeparatorChar)!.Id);
        Assert.Null(registry.FindByDirectory(Path.Combine(dir.Path, "runs", "r2")));
    }

    [Fact]
    public void Remove_DeletesOnlyThatRun()
    {
        using var dir = new TempDirectory();
        var registry = new RunRegistry(dir.File("r.db"));
        registry.Register(Entry("a", dir.Path));
        registry.Register(Entry("b", dir.Path));

        Assert.True(registry.Remove("a"));
        Assert.False(registry.Remove("a"));
        Assert.Null(registry.Get("a"));
        Assert.Equal(["b"], registry.List().Select(e => e.Id));
    }

    [Fact]
    public void TwoInstances_OnOneFile_SeeEachOthersWrites()
    {
        using var dir = new TempDirectory();
        var first = new RunRegistry(dir.File("r.db"));
        var second = new RunRegistry(dir.File("r.db"));

        first.Register(Entry("a", dir.Path));
        second.UpdateProgress("a", 3);

        Assert.Equal(3, first.Get("a")!.RoundsDone);
        Assert.Single(second.List());
    }

    [Fact]
    public void TwoInstances_WritingConcurrently_LoseNothing()
    {
        using var dir = new TempDirectory();
        string path = dir.File("r.db");
        var registries = new[] { new RunRegistry(path), new RunRegistry(path) };
        const int perWriter = 25;

        Parallel.For(0, 2, w =>
        {
            for (int i = 0; i < perWriter; i++)
            {
                string id = $"w{w}-{i}";
                registries[w].Register(Entry(id, dir.Path));
                registries[w].UpdateProgress(id, 1 + (i % 10));
                registries[1 - w].List(new RunFilter(Name: "mnist-fedavg"));
            }
        });

        var all = new RunRegistry(path).List();
        Assert.Equal(2 * perWriter, all.Count);
        Assert.All(all, e => Assert.InRange(e.RoundsDone, 1, 10));
    }

    [Fact]
    public void Constructor_NewerSchemaVersion_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("r.db");
        _ = new RunRegistry(path);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<InvalidOperationException>(() => new RunRegistry(path));

        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExistingDatabase_KeepsItsRuns()
    {
        using var dir = new TempDirectory();
        new RunRegistry(dir.File("r.db")).Register(Entry("a", dir.Path));

        Assert.NotNull(new RunRegistry(dir.File("r.db")).Get("a"));
    }

    [Fact]
    public void RunEntry_InvalidArguments_Throw()
    {
        string d = Path.GetFullPath("/tmp/x");
        Assert.Throws<ArgumentException>(() => new RunEntry("", "n", "h", RunStatus.Running, T0, 1, 0, "d", "m", "s", d));
        Assert.Throws<ArgumentException>(() => new RunEntry("a\nb", "n", "h", RunStatus.Running, T0, 1, 0, "d", "m", "s", d));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunEntry("a", "n", "h", RunStatus.Running, T0, 0, 0, "d", "m", "s", d));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunEntry("a", "n", "h", RunStatus.Running, T0, 5, 0, "d", "m", "s", d, roundsDone: 6));
        Assert.Throws<ArgumentException>(() => new RunEntry("a", "n", "h", RunStatus.Running, T0, 5, 0, "d", "m", "s", "relative/dir"));
        Assert.Throws<ArgumentException>(() => new RunEntry("a", "n", "h", RunStatus.Running, T0, 5, 0, "d", "m", "s", d, finishedUtc: T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunEntry("a", "n", "h", RunStatus.Failed, T0, 5, 0, "d", "m", "s", d, finishedUtc: T0.AddTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunEntry("a", "n", "h", (RunStatus)9, T0, 5, 0, "d", "m", "s", d));
    }

    [Fact]
    public void DefaultPath_FedshieldHome_WinsOverEverything()
    {
        var env = new Dictionary<string, string?> { ["FEDSHIELD_HOME"] = "/opt/fs", ["XDG_DATA_HOME"] = "/xdg", ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/opt/fs", "registry.db"), RunRegistry.DefaultPath(env));
    }

    [Fact]
    public void DefaultPath_FallsBackThroughXdgThenHome()
    {
        Assert.Equal(Path.Combine("/xdg", "fedshield", "registry.db"),
            RunRegistry.DefaultPath(new Dictionary<string, string?> { ["FEDSHIELD_HOME"] = "", ["XDG_DATA_HOME"] = "/xdg", ["HOME"] = "/home/u" }));
        Assert.Equal(Path.Combine("/home/u", ".local", "share", "fedshield", "registry.db"),
            RunRegistry.DefaultPath(new Dictionary<string, string?> { ["HOME"] = "/home/u" }));
        Assert.Equal(Path.Combine("/home/w", ".local", "share", "fedshield", "registry.db"),
            RunRegistry.DefaultPath(name => name == "USERPROFILE" ? "/home/w" : null));
        Assert.Throws<InvalidOperationException>(() => RunRegistry.DefaultPath(_ => null));
    }
}
