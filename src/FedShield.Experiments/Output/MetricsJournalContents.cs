using System.Globalization;

namespace FedShield.Experiments.Output;

/// <summary>What <see cref="MetricsJournal.Read"/> found in a <c>metrics.jsonl</c>.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Rows">The complete rows, in file order (rounds strictly increasing).</param>
/// <param name="TornLineNumber">1-based number of an unreadable last line with no line end (a write cut short by a kill), or null.</param>
/// <param name="TornLine">The text of that line, or null.</param>
public sealed record MetricsJournalContents(string Path, IReadOnlyList<RoundRow> Rows, int? TornLineNumber, string? TornLine)
{
    /// <summary>True when the last line was cut short and ignored.</summary>
    public bool HasTornLine => TornLineNumber is not null;

    /// <summary>False when the file's last character is not a line end (torn, or a complete row written without one).</summary>
    internal bool EndsCleanly { get; init; } = true;

    /// <summary>A sentence describing the torn line for a log or report, or null when there is none.</summary>
    public string? Describe() => TornLineNumber is int line
        ? string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(Path)} line {line} was cut short ({TornLine!.Length} characters, probably by a killed run) and was ignored.")
        : null;
}
