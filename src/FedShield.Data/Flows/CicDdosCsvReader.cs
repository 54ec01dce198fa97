using System.Globalization;

namespace FedShield.Data.Flows;

/// <summary>
/// Reads CICFlowMeter CSV files into a <see cref="FlowTable"/>: checks headers and field counts, parses
/// every feature cell (keeping ±∞ and NaN as markers for the loader to replace), drops rows whose key
/// was seen before and rows outside the class selection, and counts what it read.
/// </summary>
internal sealed class CicDdosCsvReader
{
    private readonly CicDdosClassSelector _selector;
    private readonly HashSet<(string, string, string)> _keys = [];
    private readonly Dictionary<string, int> _labelIds = new(StringComparer.Ordinal);
    private CicDdosHeader? _header;
    private string _firstFile = "";

    public CicDdosCsvReader(CicDdosClassSelector selector)
    {
        _selector = selector;
    }

    public FlowTable? Table { get; private set; }

    public CicDdosHeader Header => _header ?? throw new InvalidOperationException("No file has been read.");

    public SortedDictionary<string, int> RowsReadPerFile { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> RowsKeptPerFile { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> RowsReadPerLabel { get; } = new(StringComparer.Ordinal);

    /// <summary>Raw labels of the rows that survived key de-duplication (before class selection).</summary>
    public HashSet<string> LabelsAfterDeduplication { get; } = new(StringComparer.Ordinal);

    public int DuplicateRowsRemoved { get; private set; }

    public int RowsRemovedByClassSelection { get; private set; }

    /// <summary>Reads one file; <paramref name="name"/> is its relative path, used in the report.</summary>
    /// <exception cref="DataFormatException">The header differs from the first file's, a row has the wrong field count, or a cell is not a number.</exception>
    public void Read(string path, string name)
    {
        using var reader = new StreamReader(path);
        var headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            throw new DataFormatException(path, "line 1", "found an empty line; expected the CICFlowMeter header.");
        }

        var names = CicDdosHeader.SplitNames(headerLine);
        if (_header is null)
        {
            _header = CicDdosHeader.Parse(path, names);
            _firstFile = path;
            Table = new FlowTable(_header.FeatureNames.Length);
        }
        else
        {
            _header.EnsureSame(path, names, _firstFile);
        }

        var header = _header;
        var table = Table!;
        var keyParts = new string[CicDdosHeader.KeyColumns.Length];
        int lineNumber = 1;
        int rowsRead = 0;
        int kept = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rowsRead++;
            var row = table.NextRow();
            string label = ParseRow(path, lineNumber, line, header, row, keyParts);
            RowsReadPerLabel[label] = RowsReadPerLabel.GetValueOrDefault(label) + 1;
            if (!_labelIds.TryGetValue(label, out int labelId))
            {
                labelId = table.LabelNames.Count;
                _labelIds.Add(label, labelId);
                table.LabelNames.Add(label);
            }

            if (!_keys.Add((keyParts[0], keyParts[1], keyParts[2])))
            {
                DuplicateRowsRemoved++;
            }
            else if (!KeepAfterDeduplication(label))
            {
                RowsRemovedByClassSelection++;
            }
            else
            {
                table.Commit(labelId);
                kept++;
            }
        }

        RowsReadPerFile[name] = rowsRead;
        RowsKeptPerFile[name] = kept;
        table.KeptPerFile.Add(kept);
    }

    private bool KeepAfterDeduplication(string label)
    {
        LabelsAfterDeduplication.Add(label);
        return _selector.Keep(label);
    }

    /// <summary>Writes the feature cells of <paramref name="line"/> into <paramref name="row"/>, the key fields into <paramref name="keyParts"/>, and returns the label.</summary>
    private static string ParseRow(string path, int lineNumber, string line, CicDdosHeader header, Span<float> row, string[] keyParts)
    {
        int columns = header.Names.Length;
        int fields = line.AsSpan().Count(',') + 1;
        if (fields != columns)
        {
            throw new DataFormatException(path, $"line {lineNumber}", $"found {fields} fields separated by ',', expected {columns}.");
        }

        string label = "";
        var rest = line.AsSpan();
        for (int c = 0; c < columns; c++)
        {
            int comma = rest.IndexOf(',');
            var field = (comma < 0 ? rest : rest[..comma]).Trim();
            rest = comma < 0 ? default : rest[(comma + 1)..];
            int slot = header.FeatureSlot[c];
            if (slot >= 0)
            {
                row[slot] = ParseCell(path, lineNumber, header.Names[c], field);
            }
            else if (c == header.LabelColumnIndex)
            {
                if (field.IsEmpty)
                {
                    throw new DataFormatException(path, $"line {lineNumber}", $"column '{header.Names[c]}' is empty; expected a label such as BENIGN or Syn.");
                }

                label = field.ToString();
            }
            else
            {
                int k = Array.IndexOf(header.KeyColumnIndices, c);
                if (k >= 0)
                {
                    keyParts[k] = field.ToString();
                }
            }
        }

        return label;
    }

    /// <summary>
    /// A feature cell: a decimal number, ±∞ for <c>Infinity</c>/<c>inf</c> (optionally signed, any case),
    /// NaN for an empty cell or <c>NaN</c>.
    /// </summary>
    private static float ParseCell(string path, int lineNumber, string column, ReadOnlySpan<char> field)
    {
        if (field.IsEmpty || field.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return float.NaN;
        }

        var unsigned = field[0] is '+' or '-' ? field[1..] : field;
        if (unsigned.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return field[0] == '-' ? float.NegativeInfinity : float.PositiveInfinity;
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new DataFormatException(path, $"line {lineNumber}", $"column '{column}' holds '{field}'; expected a decimal number, Infinity, inf, NaN or an empty cell.");
        }

        float single = (float)value;
        if (!float.IsFinite(single))
        {
            throw new DataFormatException(path, $"line {lineNumber}", $"column '{column}' holds '{field}', outside the float32 range (±{float.MaxValue:R}).");
        }

        return single;
    }
}
