using System.Text;

namespace FedShield.Experiments.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown (charts are left to the HTML page).</summary>
internal static class ReportMarkdown
{
    public static string Render(ReportDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Inline(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    md.Append("## ").Append(Inline(h.Text)).Append("\n\n");
                    break;
                case NoChartsBlock n:
                    md.Append(n.Text).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    md.Append(Inline(p.Text)).Append("\n\n");
                    break;
                case WarningBlock w:
                    md.Append("> **Warning:** ").Append(Inline(w.Text)).Append("\n\n");
                    break;
                case ListBlock l:
                    foreach (string item in l.Items)
                    {
                        md.Append("- ").Append(Inline(item)).Append('\n');
                    }

                    md.Append('\n');
                    break;
                case FactsBlock f:
                    foreach (var (label, value) in f.Facts)
                    {
                        md.Append("- **").Append(Inline(label)).Append(":** ").Append(Inline(value)).Append('\n');
                    }

                    md.Append('\n');
                    break;
                case TableBlock t:
                    AppendTable(md, t.Headers, t.Rows, t.Numeric);
                    break;
                case CodeBlock c:
                    string fence = Fence(c.Text);
                    md.Append(fence).Append(c.Language).Append('\n').Append(c.Text.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
                    break;
                case ChartBlock:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown report block {block.GetType().Name}.");
            }
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void AppendTable(StringBuilder md, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> numeric)
    {
        md.Append('|');
        foreach (string header in headers)
        {
            md.Append(' ').Append(Cell(header)).Append(" |");
        }

        md.Append("\n|");
        for (int c = 0; c < headers.Count; c++)
        {
            md.Append(numeric[c] ? " ---: |" : " --- |");
        }

        md.Append('\n');
        foreach (var row in rows)
        {
            md.Append('|');
            foreach (string cell in row)
            {
                md.Append(' ').Append(Cell(cell)).Append(" |");
            }

            md.Append('\n');
        }

        md.Append('\n');
    }

    // Table cells: a pipe would end the cell and a line end the row.
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text) => text.ReplaceLineEndings(" ");

    // A fence longer than any run of backticks inside the text.
    private static string Fence(string text)
    {
        int longest = 0, run = 0;
        foreach (char c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }
}
