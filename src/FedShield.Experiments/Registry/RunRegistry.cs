using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FedShield.Experiments.Registry;

/// <summary>
/// The list of runs on this machine, kept in an embedded SQLite database so that <c>fedshield runs</c>
/// can show, filter and clean them. Several processes may use one database at once: it runs in WAL mode
/// and every connection waits up to <see cref="BusyTimeoutMilliseconds"/> for another writer's lock. Each
/// call opens its own short-lived connection, so an instance holds no file handle between calls and is
/// safe to share between threads.
/// </summary>
public sealed class RunRegistry
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How long a call waits for another connection's write lock before failing with "database is locked".</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const string Columns =
        "id, name, config_hash, status, started_utc, finished_utc, rounds_done, rounds_total, final_accuracy, final_loss, seed, dataset, model, strategy, directory";

    private readonly string _connectionString;

    static RunRegistry()
    {
        // Bind the bundled native SQLite explicitly rather than through Microsoft.Data.Sqlite's reflection probe.
        SQLitePCL.Batteries_V2.Init();
    }

    /// <summary>Opens (creating it, its directory and its schema when absent) the registry database at a path.</summary>
    /// <param name="databasePath">The database file, e.g. <see cref="DefaultPath(Func{string, string?})"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">The database was written by a newer FedShield (a higher schema version).</exception>
    /// <exception cref="SqliteException">The file is not a SQLite database or cannot be opened.</exception>
    public RunRegistry(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        if (Path.GetDirectoryName(DatabasePath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (BusyTimeoutMilliseconds / 1000) + 1,
        }.ToString();
        CreateSchema();
    }

    /// <summary>The database file, fully qualified.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Where the registry lives by default: <c>$FEDSHIELD_HOME/registry.db</c>; else
    /// <c>$XDG_DATA_HOME/fedshield/registry.db</c>; else <c>~/.local/share/fedshield/registry.db</c> with ~ from
    /// <c>HOME</c> (or <c>USERPROFILE</c>). Empty variables count as unset.
    /// </summary>
    /// <param name="getVariable">Reads an environment variable (null when unset), e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="InvalidOperationException">None of the variables is set.</exception>
    public static string DefaultPath(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (Set(getVariable("FEDSHIELD_HOME")) is { } fedshieldHome)
        {
            return Path.Combine(fedshieldHome, "registry.db");
        }

        if (Set(getVariable("XDG_DATA_HOME")) is { } dataHome)
        {
            return Path.Combine(dataHome, "fedshield", "registry.db");
        }

        if ((Set(getVariable("HOME")) ?? Set(getVariable("USERPROFILE"))) is { } home)
        {
            return Path.Combine(home, ".local", "share", "fedshield", "registry.db");
        }

        throw new InvalidOperationException("cannot place the run registry: set FEDSHIELD_HOME (or HOME)");

        static string? Set(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>As <see cref="DefaultPath(Func{string, string?})"/>, reading variables from a dictionary.</summary>
    /// <exception cref="InvalidOperationException">None of the variables is set.</exception>
    public static string DefaultPath(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return DefaultPath(name => environment.GetValueOrDefault(name));
    }

    /// <summary>Adds a run.</summary>
    /// <exception cref="InvalidOperationException">A run with the same id is already registered.</exception>
    public void Register(RunEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO runs ({Columns}) VALUES ($id, $name, $config_hash, $status, $started_utc, $finished_utc, $rounds_done, $rounds_total, $final_accuracy, $final_loss, $seed, $dataset, $model, $strategy, $directory)";
        Bind(command, entry);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException($"a run with id '{entry.Id}' is already registered in {DatabasePath}", ex);
        }
    }

    /// <summary>The run with an id, or null.</summary>
    public RunEntry? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = Open();
        return Get(connection, id);
    }

    /// <summary>The runs matching a filter (all runs when null), oldest first (by start time, then id).</summary>
    public IReadOnlyList<RunEntry> List(RunFilter? filter = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (filter?.Status is { } status)
        {
            conditions.Add("status = $status");
            command.Parameters.AddWithValue("$status", StatusText(status));
        }

        if (filter?.Name is { } name)
        {
            conditions.Add("name = $name");
            command.Parameters.AddWithValue("$name", name);
        }

        if (filter?.ConfigHash is { } hash)
        {
            conditions.Add("config_hash = $config_hash");
            command.Parameters.AddWithValue("$config_hash", hash);
        }

        string where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {Columns} FROM runs{where} ORDER BY started_utc, id";
        return ReadAll(command);
    }

    /// <summary>The run whose directory is <paramref name="directory"/> (resolved against the current directory when relative), or null.</summary>
    public RunEntry? FindByDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM runs WHERE directory = $directory ORDER BY started_utc, id LIMIT 1";
        command.Parameters.AddWithValue("$directory", RunEntry.NormalizeDirectory(directory));
        var found = ReadAll(command);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Records the number of rounds a run has finished.</summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="roundsDone"/> is negative or above the run's total.</exception>
    public RunEntry UpdateProgress(string id, int roundsDone) =>
        Update(id, e => e.With(roundsDone: roundsDone));

    /// <summary>Changes a run's status, and its finish time when given; back to <see cref="RunStatus.Running"/> (a resumed run) clears the finish time.</summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="finishedUtc"/> is before the run's start.</exception>
    public RunEntry UpdateStatus(string id, RunStatus status, DateTimeOffset? finishedUtc = null) =>
        Update(id, e => e.With(status: status, finishedUtc: finishedUtc));

    /// <summary>Records a run's final test accuracy and loss (null for unknown).</summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The accuracy is outside [0, 1] or the loss is not finite.</exception>
    public RunEntry UpdateFinalMetrics(string id, double? finalAccuracy, double? finalLoss) =>
        Update(id, e => e.With(finalAccuracy: finalAccuracy, finalLoss: finalLoss, setMetrics: true));

    /// <summary>Closes a run in one transaction: its final status, finish time, rounds done and final metrics.</summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (see <see cref="RunEntry"/>).</exception>
    public RunEntry Finish(string id, RunStatus status, DateTimeOffset finishedUtc, int roundsDone, double? finalAccuracy, double? finalLoss) =>
        Update(id, e => e.With(status, finishedUtc, roundsDone, finalAccuracy, finalLoss, setMetrics: true));

    /// <summary>Removes a run from the registry (not its directory). Returns whether it was there.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() > 0;
    }

    private RunEntry Update(string id, Func<RunEntry, RunEntry> change)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Get(connection, id) ?? throw new KeyNotFoundException($"no run with id '{id}' in {DatabasePath}");
        var updated = change(current);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET status = $status, finished_utc = $finished_utc, rounds_done = $rounds_done, final_accuracy = $final_accuracy, final_loss = $final_loss WHERE id = $id";
        Bind(command, updated);
        command.ExecuteNonQuery();
        transaction.Commit();
        return updated;
    }

    private static RunEntry? Get(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var found = ReadAll(command);
        return found.Count > 0 ? found[0] : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CreateSchema()
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            // WAL lets readers go on while another process writes; the mode is stored in the file.
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteScalar();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS runs (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    config_hash TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
                    started_utc TEXT NOT NULL,
                    finished_utc TEXT,
                    rounds_done INTEGER NOT NULL,
                    rounds_total INTEGER NOT NULL,
                    final_accuracy REAL,
                    final_loss REAL,
                    seed INTEGER NOT NULL,
                    dataset TEXT NOT NULL,
                    model TEXT NOT NULL,
                    strategy TEXT NOT NULL,
                    directory TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS runs_name ON runs (name);
                CREATE INDEX IF NOT EXISTS runs_config_hash ON runs (config_hash);
                CREATE INDEX IF NOT EXISTS runs_directory ON runs (directory);
                """;
            create.ExecuteNonQuery();
        }

        using (var version = connection.CreateCommand())
        {
            version.CommandText = "SELECT MAX(version) FROM schema_version";
            object? found = version.ExecuteScalar();
            if (found is null or DBNull)
            {
                version.CommandText = "INSERT INTO schema_version (version) VALUES ($version)";
                version.Parameters.AddWithValue("$version", SchemaVersion);
                version.ExecuteNonQuery();
            }
            else if (Convert.ToInt64(found, CultureInfo.InvariantCulture) > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"the run registry {DatabasePath} has schema version {found}; this FedShield reads version {SchemaVersion} (upgrade FedShield)");
            }
        }

        transaction.Commit();
    }

    private static void Bind(SqliteCommand command, RunEntry entry)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", entry.Id);
        p.AddWithValue("$name", entry.Name);
        p.AddWithValue("$config_hash", entry.ConfigHash);
        p.AddWithValue("$status", StatusText(entry.Status));
        p.AddWithValue("$started_utc", TimeText(entry.StartedUtc));
        p.AddWithValue("$finished_utc", entry.FinishedUtc is { } finished ? TimeText(finished) : DBNull.Value);
        p.AddWithValue("$rounds_done", entry.RoundsDone);
        p.AddWithValue("$rounds_total", entry.RoundsTotal);
        p.AddWithValue("$final_accuracy", entry.FinalAccuracy is { } accuracy ? accuracy : DBNull.Value);
        p.AddWithValue("$final_loss", entry.FinalLoss is { } loss ? loss : DBNull.Value);
        p.AddWithValue("$seed", entry.Seed);
        p.AddWithValue("$dataset", entry.Dataset);
        p.AddWithValue("$model", entry.Model);
        p.AddWithValue("$strategy", entry.Strategy);
        p.AddWithValue("$directory", entry.Directory);
    }

    private static List<RunEntry> ReadAll(SqliteCommand command)
    {
        var entries = new List<RunEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new RunEntry(
                id: reader.GetString(0),
                name: reader.GetString(1),
                configHash: reader.GetString(2),
                status: ParseStatus(reader.GetString(3)),
                startedUtc: ParseTime(reader.GetString(4)),
                finishedUtc: reader.IsDBNull(5) ? null : ParseTime(reader.GetString(5)),
                roundsDone: reader.GetInt32(6),
                roundsTotal: reader.GetInt32(7),
                finalAccuracy: reader.IsDBNull(8) ? null : reader.GetDouble(8),
                finalLoss: reader.IsDBNull(9) ? null : reader.GetDouble(9),
                seed: reader.GetInt64(10),
                dataset: reader.GetString(11),
                model: reader.GetString(12),
                strategy: reader.GetString(13),
                directory: reader.GetString(14)));
        }

        return entries;
    }

    /// <summary>ISO 8601 in UTC with 100 ns ticks: sorts as text in time order and round-trips exactly.</summary>
    private static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), DateTimeKind.Utc));

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a defined run status"),
    };

    private static RunStatus ParseStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "completed" => RunStatus.Completed,
        "interrupted" => RunStatus.Interrupted,
        "failed" => RunStatus.Failed,
        _ => throw new InvalidDataException($"unknown run status '{text}' in the registry"),
    };
}
