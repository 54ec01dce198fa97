using System.Text;

namespace FedShield.Experiments.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as plain text for a terminal: aligned tables, no charts.</summary>
internal static class ReportText
{
    public static string Render(ReportDocument document)
    {
        var text = new StringBuilder();
        text.Append(document.Title).Append('\n').Append(new string('=', document.Title.Length)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    text.Append(h.Text).Append('\n').Append(new string('-', h.Text.Length)).Append("\n\n");
                    break;
                case NoChartsBlock n:
                    text.Append(n.Text).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    text.Append(p.Text).Append("\n\n");
                    break;
                case WarningBlock w:
                    text.Append("Warning: ").Append(w.Text).Append("\n\n");
                    break;
                case ListBlock l:
                    foreach (string item in l.Items)
                    {
                        text.Append("  - ").Append(item).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case FactsBlock f:
                    int width = f.Facts.Count == 0 ? 0 : f.Facts.Max(kv => kv.Key.Length);
                    foreach (var (label, value) in f.Facts)
                    {
                        text.Append(label).Append(':').Append(' ', width - label.Length + 2).Append(value).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case TableBlock t:
                    text.Append(Table(t)).Append('\n');
                    break;
                case CodeBlock c:
                    foreach (string line in c.Text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
                    {
                        text.Append("    ").Append(line).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case ChartBlock:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown report block {block.GetType().Name}.");
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The table with columns padded to their widest cell (numbers right-aligned) and a rule under the header.</summary>
    public static string Table(TableBlock table)
    {
        int columns = table.Headers.Count;
        var widths = new int[columns];
        for (int c = 0; c < columns; c++)
        {
            widths[c] = Math.Max(table.Headers[c].Length, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r[c].Length));
        }

        var text = new StringBuilder();
        AppendRow(text, table.Headers, widths, table.Numeric);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in table.Rows)
        {
            AppendRow(text, row, widths, table.Numeric);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool> numeric)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Count; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }

            line.Append(numeric[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
