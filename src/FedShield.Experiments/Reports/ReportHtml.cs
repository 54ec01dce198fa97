using System.Net;
using System.Text;

namespace FedShield.Experiments.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, inline SVG charts, no
/// scripts and no external resources, so the file opens the same offline, attached to a mail or archived.
/// </summary>
internal static class ReportHtml
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; border-bottom: 2px solid #0072B2; padding-bottom: .3rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
        th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
        th { background: #f3f6fa; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fafafa; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2rem 1.2rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        .warning { border-left: 4px solid #D55E00; background: #fff4ec; padding: .5rem .8rem; }
        pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; font-size: .85rem; }
        figure { margin: 1rem 0; }
        svg { max-width: 100%; height: auto; }
        """;

    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(E(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    html.Append("<h2>").Append(E(h.Text)).Append("</h2>\n");
                    break;
                case NoChartsBlock:
                    break;
                case ParagraphBlock p:
                    html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case WarningBlock w:
                    html.Append("<p class=\"warning\" role=\"note\"><strong>Warning:</strong> ").Append(E(w.Text)).Append("</p>\n");
                    break;
                case ListBlock l:
                    html.Append("<ul>\n");
                    foreach (string item in l.Items)
                    {
                        html.Append("<li>").Append(E(item)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case FactsBlock f:
                    html.Append("<dl class=\"facts\">\n");
                    foreach (var (label, value) in f.Facts)
                    {
                        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
                    }

                    html.Append("</dl>\n");
                    break;
                case TableBlock t:
                    AppendTable(html, t);
                    break;
                case CodeBlock c:
                    html.Append("<pre><code>").Append(E(c.Text.ReplaceLineEndings("\n").TrimEnd('\n'))).Append("</code></pre>\n");
                    break;
                case ChartBlock c:
                    html.Append("<figure>\n").Append(c.Svg.TrimEnd('\n')).Append("\n</figure>\n");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown report block {block.GetType().Name}.");
            }
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void AppendTable(StringBuilder html, TableBlock table)
    {
        html.Append("<table>\n<thead><tr>");
        for (int c = 0; c < table.Headers.Count; c++)
        {
            html.Append(table.Numeric[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">").Append(E(table.Headers[c])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Count; c++)
            {
                html.Append(table.Numeric[c] ? "<td class=\"num\">" : "<td>").Append(E(row[c])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
