namespace FedShield.Data.Flows;

/// <summary>What <see cref="CicDdosLoader.Load"/> read, removed and replaced, for a run's records.</summary>
/// <param name="RowsReadPerFile">Data rows read from each file (relative path with '/' separators), before any removal.</param>
/// <param name="RowsReadPerLabel">Data rows read per raw CSV label over all files, before any removal.</param>
/// <param name="DuplicateRowsRemoved">Rows dropped because an earlier row (in file order) had the same (<c>Unnamed: 0</c>, <c>Flow ID</c>, <c>Timestamp</c>) key.</param>
/// <param name="RowsRemovedByClassSelection">Rows (not duplicates) dropped because their label was not among the selected classes.</param>
/// <param name="ExactDuplicateFeatureRows">Kept rows whose feature values and label equal those of an earlier kept row. Counted, not removed: they are distinct flows (different key) that happen to look alike.</param>
/// <param name="InfiniteValuesReplaced">Cells of kept rows holding <c>Infinity</c>, <c>inf</c> or <c>-Infinity</c>, replaced by the column's largest (smallest) finite value.</param>
/// <param name="EmptyOrNaNValuesReplaced">Cells of kept rows that were empty or <c>NaN</c>, replaced by 0.</param>
/// <param name="RowsKeptPerFile">Rows kept from each file after de-duplication and class selection (in window mode, each file's rows form its own sequence).</param>
/// <param name="RowsKeptPerLabel">Rows kept per raw CSV label after de-duplication and class selection.</param>
/// <param name="DroppedColumns">The identifier columns dropped (trimmed header names), in header order.</param>
public sealed record CicDdosCleaningReport(
    IReadOnlyDictionary<string, int> RowsReadPerFile,
    IReadOnlyDictionary<string, int> RowsReadPerLabel,
    int DuplicateRowsRemoved,
    int RowsRemovedByClassSelection,
    int ExactDuplicateFeatureRows,
    int InfiniteValuesReplaced,
    int EmptyOrNaNValuesReplaced,
    IReadOnlyDictionary<string, int> RowsKeptPerFile,
    IReadOnlyDictionary<string, int> RowsKeptPerLabel,
    IReadOnlyList<string> DroppedColumns);
