namespace FedShield.Data.Tabular;

/// <summary>
/// Reads a delimited text file (CSV and its relatives) line by line, trimming each field, and checks the
/// field count of every row, so a damaged row is reported with its file and line instead of shifting
/// columns silently.
/// </summary>
public static class DelimitedReader
{
    /// <summary>
    /// The rows of <paramref name="path"/> split on <paramref name="separator"/>, with 1-based line numbers.
    /// Blank lines are skipped, and so is any line for which <paramref name="skipLine"/> returns true.
    /// </summary>
    /// <param name="path">The file to read (UTF-8 or ASCII).</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="expectedFields">Required number of fields per row, or 0 to take the first row's count.</param>
    /// <param name="skipLine">Lines to ignore (comments, a banner), or null.</param>
    /// <exception cref="DataFormatException">A row has a different number of fields.</exception>
    public static IEnumerable<DelimitedRow> Read(string path, char separator, int expectedFields, Func<string, bool>? skipLine = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        int lineNumber = 0;
        int expected = expectedFields;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (skipLine is not null && skipLine(line)))
            {
                continue;
            }

            var fields = line.Split(separator);
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = fields[i].Trim();
            }

            if (expected == 0)
            {
                expected = fields.Length;
            }
            else if (fields.Length != expected)
            {
                throw new DataFormatException(path, $"line {lineNumber}", $"found {fields.Length} fields separated by '{separator}', expected {expected}.");
            }

            yield return new DelimitedRow(lineNumber, fields);
        }
    }
}
