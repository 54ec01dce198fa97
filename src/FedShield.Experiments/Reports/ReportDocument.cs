namespace FedShield.Experiments.Reports;

/// <summary>
/// A report as a list of blocks, independent of its output format; <see cref="ReportMarkdown"/>,
/// <see cref="ReportHtml"/> and <see cref="ReportText"/> render it.
/// </summary>
internal sealed class ReportDocument(string title)
{
    private readonly List<ReportBlock> _blocks = [];

    public string Title { get; } = title;

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Add(ReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }

    public ReportDocument Heading(string text) => Add(new HeadingBlock(text));

    public ReportDocument Paragraph(string text) => Add(new ParagraphBlock(text));

    public ReportDocument Warning(string text) => Add(new WarningBlock(text));
}

/// <summary>One part of a <see cref="ReportDocument"/>.</summary>
internal abstract record ReportBlock;

/// <summary>A section heading (second level; the document title is the first).</summary>
internal sealed record HeadingBlock(string Text) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
internal sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A paragraph for the formats without charts (Markdown, text), left out of the HTML.</summary>
internal sealed record NoChartsBlock(string Text) : ReportBlock;

/// <summary>A remark that needs the reader's attention (a torn file, missing summary).</summary>
internal sealed record WarningBlock(string Text) : ReportBlock;

/// <summary>A bulleted list.</summary>
internal sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>Label/value pairs.</summary>
internal sealed record FactsBlock(IReadOnlyList<KeyValuePair<string, string>> Facts) : ReportBlock;

/// <summary>A table; <see cref="Numeric"/> marks right-aligned columns.</summary>
internal sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric) : ReportBlock;

/// <summary>Verbatim text (the config).</summary>
internal sealed record CodeBlock(string Language, string Text) : ReportBlock;

/// <summary>An inline SVG chart (HTML only; the other formats skip it).</summary>
internal sealed record ChartBlock(string Svg) : ReportBlock;
