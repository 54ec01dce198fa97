using System.Globalization;
using System.Text;

namespace FedShield.Experiments.Output;

/// <summary>
/// The columns of <c>metrics.csv</c>: one per scalar field and one per element of an array field
/// (<c>per_class_accuracy_0</c> ...), in order of first appearance. A column first seen in a later row is
/// inserted right after the column of the field before it in that row, so <c>per_class_accuracy_*</c> sits next
/// to <c>test_accuracy</c> even when the first rounds had no evaluation. A null value of a field known to be an
/// array (<c>per_class_accuracy</c>, or any field seen as an array before) adds no column.
/// </summary>
internal sealed class MetricsCsvLayout
{
    private readonly List<(string Field, int Element)> _columns = [];
    private readonly HashSet<string> _arrayFields = new(StringComparer.Ordinal) { RoundFields.PerClassAccuracy };

    public IReadOnlyList<string> Header => _columns.Select(c => ColumnName(c.Field, c.Element)).ToArray();

    /// <summary>Adds the columns <paramref name="row"/> needs; true when the column set changed.</summary>
    public bool Extend(RoundRow row)
    {
        bool changed = false;
        int anchor = -1;
        foreach (var field in row.Fields)
        {
            switch (field.Value.Kind)
            {
                case RoundValueKind.Numbers:
                    _arrayFields.Add(field.Name);
                    int length = field.Value.AsNumbers()!.Count;
                    for (int i = 0; i < length; i++)
                    {
                        changed |= Ensure(field.Name, i, ref anchor);
                    }

                    break;
                case RoundValueKind.Null when _arrayFields.Contains(field.Name):
                    int last = _columns.FindLastIndex(c => c.Field == field.Name);
                    anchor = last >= 0 ? last : anchor;
                    break;
                default:
                    changed |= Ensure(field.Name, -1, ref anchor);
                    break;
            }
        }

        return changed;
    }

    public string FormatHeader() => string.Join(',', Header.Select(Quote)) + "\n";

    public string FormatRow(RoundRow row)
    {
        var line = new StringBuilder();
        for (int c = 0; c < _columns.Count; c++)
        {
            if (c > 0)
            {
                line.Append(',');
            }

            var (field, element) = _columns[c];
            var value = row.Get(field);
            if (element < 0)
            {
                line.Append(FormatCell(value));
            }
            else if (value.Kind == RoundValueKind.Numbers && element < value.AsNumbers()!.Count)
            {
                line.Append(FormatNumber(value.AsNumbers()![element]));
            }
        }

        return line.Append('\n').ToString();
    }

    public string FormatAll(IEnumerable<RoundRow> rows)
    {
        if (_columns.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder(FormatHeader());
        foreach (var row in rows)
        {
            text.Append(FormatRow(row));
        }

        return text.ToString();
    }

    private bool Ensure(string field, int element, ref int anchor)
    {
        int at = _columns.FindIndex(c => c.Element == element && c.Field == field);
        if (at >= 0)
        {
            anchor = at;
            return false;
        }

        anchor++;
        _columns.Insert(anchor, (field, element));
        return true;
    }

    private static string ColumnName(string field, int element) =>
        element < 0 ? field : string.Create(CultureInfo.InvariantCulture, $"{field}_{element}");

    private static string FormatCell(RoundValue value) => value.Kind switch
    {
        RoundValueKind.Null => "",
        RoundValueKind.Number => FormatNumber(value.AsNumber()),
        RoundValueKind.Integral => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        RoundValueKind.Text => Quote(value.AsText()!),
        _ => "",
    };

    private static string FormatNumber(double value) => double.IsNaN(value)
        ? ""
        : double.IsInfinity(value) ? (value > 0 ? "Infinity" : "-Infinity") : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
