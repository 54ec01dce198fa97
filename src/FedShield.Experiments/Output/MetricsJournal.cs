using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Experiments.Output;

/// <summary>
/// Writes the per-round metrics of a run: <c>metrics.jsonl</c> (one JSON object per round, NaN as null; the
/// record of truth) and <c>metrics.csv</c> (the same rows as a table, array fields spread over numbered columns).
/// Each <see cref="Append"/> writes and flushes both files before returning, so a killed run keeps every
/// finished round.
/// </summary>
/// <remarks>
/// <para>CSV columns: the column set grows when a row brings a field not seen before (the first evaluated round
/// brings <c>per_class_accuracy_0..K-1</c>, a mechanism its own fields). Such a row rewrites the whole CSV with the
/// new header through a temporary file and a rename; every other row appends one line. Rows already written
/// leave new columns empty. See <see cref="CsvColumns"/> for the order.</para>
/// <para>The journal keeps the rows in memory (a few kilobytes per round). One writer per run directory; the
/// methods are safe to call from several threads of that writer.</para>
/// </remarks>
public sealed class MetricsJournal
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Lock _gate = new();
    private readonly List<RoundRow> _rows;
    private readonly bool _flushToDisk;
    private MetricsCsvLayout _layout = new();

    private MetricsJournal(string runDirectory, List<RoundRow> rows, bool flushToDisk, MetricsJournalContents? recovered)
    {
        RunDirectory = runDirectory;
        _rows = rows;
        _flushToDisk = flushToDisk;
        Recovered = recovered;
    }

    /// <summary>The run directory.</summary>
    public string RunDirectory { get; }

    /// <summary>Full path of <c>metrics.jsonl</c>.</summary>
    public string JsonlPath => Path.Combine(RunDirectory, RunFiles.MetricsJsonl);

    /// <summary>Full path of <c>metrics.csv</c>.</summary>
    public string CsvPath => Path.Combine(RunDirectory, RunFiles.MetricsCsv);

    /// <summary>What <see cref="Open"/> found on disk (rows and any torn line it dropped), or null for a new journal.</summary>
    public MetricsJournalContents? Recovered { get; }

    /// <summary>A snapshot of the rows written so far, in order.</summary>
    public IReadOnlyList<RoundRow> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.ToArray();
            }
        }
    }

    /// <summary>The round of the last row, or null when there is none.</summary>
    public int? LastRound
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count == 0 ? null : _rows[^1].Round;
            }
        }
    }

    /// <summary>The current header of <c>metrics.csv</c>.</summary>
    public IReadOnlyList<string> CsvColumns
    {
        get
        {
            lock (_gate)
            {
                return _layout.Header;
            }
        }
    }

    /// <summary>
    /// Opens the journal of <paramref name="runDirectory"/> (created if missing). Existing rows are loaded so a
    /// resumed run continues after them; a torn last line is dropped from the file, and the CSV is regenerated
    /// from the JSON lines (which repairs a kill between the two appends).
    /// </summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="flushToDisk">Also force each append to the disk (fsync), which protects against power loss and not only a killed process, at a cost per round.</param>
    /// <exception cref="InvalidDataException">The existing <c>metrics.jsonl</c> is damaged before its last line.</exception>
    public static MetricsJournal Open(string runDirectory, bool flushToDisk = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        string directory = Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(directory);
        string jsonl = Path.Combine(directory, RunFiles.MetricsJsonl);
        if (!File.Exists(jsonl))
        {
            File.Delete(Path.Combine(directory, RunFiles.MetricsCsv));
            return new MetricsJournal(directory, [], flushToDisk, null);
        }

        var contents = ReadFile(jsonl);
        var journal = new MetricsJournal(directory, [.. contents.Rows], flushToDisk, contents);
        if (contents.HasTornLine || !contents.EndsCleanly)
        {
            AtomicFile.WriteAllText(jsonl, FormatJsonl(contents.Rows));
        }

        journal.RewriteCsv();
        return journal;
    }

    /// <summary>
    /// Appends one round: a line to <c>metrics.jsonl</c>, then a line to <c>metrics.csv</c> (or a rewrite of it
    /// when the row brings new columns), both flushed. The journal keeps a copy, so later changes to
    /// <paramref name="row"/> do not reach it.
    /// </summary>
    /// <exception cref="ArgumentException">The row has no integer <c>round</c>, or its round is not above the last one written (call <see cref="Truncate"/> first when resuming).</exception>
    /// <exception cref="IOException">A file could not be written; the JSON file is cut back to its previous length.</exception>
    public void Append(RoundRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row = row.Clone();
        int round;
        try
        {
            round = row.Round;
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"Cannot append the row: {e.Message}", nameof(row), e);
        }

        lock (_gate)
        {
            if (_rows.Count > 0 && round <= _rows[^1].Round)
            {
                throw new ArgumentException(
                    $"Cannot append round {round} after round {_rows[^1].Round}: rounds must increase (a resumed run truncates the journal first).", nameof(row));
            }

            AppendText(JsonlPath, RoundRowJson.Write(row) + "\n");
            _rows.Add(row);
            if (_layout.Extend(row))
            {
                RewriteCsv();
            }
            else
            {
                AppendText(CsvPath, _layout.FormatRow(row));
            }
        }
    }

    /// <summary>
    /// Keeps only the rows with round &lt;= <paramref name="lastRound"/>, rewriting both files through temporary
    /// files; CSV columns that only later rows used disappear. Used when resuming from a checkpoint of
    /// <paramref name="lastRound"/>.
    /// </summary>
    /// <returns>The number of rows removed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastRound"/> is negative.</exception>
    public int Truncate(int lastRound)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastRound);
        lock (_gate)
        {
            int removed = _rows.RemoveAll(r => r.Round > lastRound);
            AtomicFile.WriteAllText(JsonlPath, FormatJsonl(_rows));
            _layout = new MetricsCsvLayout();
            RewriteCsv();
            return removed;
        }
    }

    /// <summary>
    /// Reads the rows of <c>metrics.jsonl</c> in <paramref name="runDirectory"/>. An unreadable last line with no
    /// line end (a write cut short by a kill) is left out and reported in the result; anything else unreadable
    /// is an error.
    /// </summary>
    /// <exception cref="FileNotFoundException">The directory has no <c>metrics.jsonl</c>.</exception>
    /// <exception cref="InvalidDataException">A line other than a torn last one is not a valid row, a row has no round, or rounds do not increase; the message names the file and line.</exception>
    public static MetricsJournalContents Read(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        string path = Path.Combine(Path.GetFullPath(runDirectory), RunFiles.MetricsJsonl);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No {RunFiles.MetricsJsonl} in '{runDirectory}': the run has not finished a round, or this is not a run directory.", path);
        }

        return ReadFile(path);
    }

    private static MetricsJournalContents ReadFile(string path)
    {
        string text = File.ReadAllText(path, Utf8);
        string[] lines = text.Split('\n');
        bool endsCleanly = text.Length == 0 || text[^1] == '\n';
        int lastContent = Array.FindLastIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        var rows = new List<RoundRow>();
        for (int i = 0; i <= lastContent; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RoundRow row;
            try
            {
                row = RoundRowJson.Parse(line);
                _ = row.Round;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                if (i == lastContent && !endsCleanly)
                {
                    return new MetricsJournalContents(path, rows, i + 1, line) { EndsCleanly = false };
                }

                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path} line {i + 1}: not a valid round row ({e.Message})."), e);
            }

            if (rows.Count > 0 && row.Round <= rows[^1].Round)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} line {i + 1}: round {row.Round} follows round {rows[^1].Round}; rounds must increase."));
            }

            rows.Add(row);
        }

        return new MetricsJournalContents(path, rows, null, null) { EndsCleanly = endsCleanly };
    }

    private static string FormatJsonl(IEnumerable<RoundRow> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(RoundRowJson.Write(row)).Append('\n');
        }

        return text.ToString();
    }

    private void RewriteCsv()
    {
        foreach (var row in _rows)
        {
            _layout.Extend(row);
        }

        AtomicFile.WriteAllText(CsvPath, _layout.FormatAll(_rows));
    }

    private void AppendText(string path, string text)
    {
        byte[] bytes = Utf8.GetBytes(text);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        long before = stream.Length;
        try
        {
            stream.Write(bytes);
            stream.Flush(_flushToDisk);
        }
        catch (IOException)
        {
            // Leave no partial line for the next append to run into.
            stream.SetLength(before);
            throw;
        }
    }
}
