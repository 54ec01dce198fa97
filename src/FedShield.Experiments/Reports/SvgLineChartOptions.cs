namespace FedShield.Experiments.Reports;

/// <summary>Settings of a <see cref="SvgLineChart"/>.</summary>
public sealed record SvgLineChartOptions
{
    /// <summary>A chart titled <paramref name="title"/> with the given axis labels.</summary>
    /// <exception cref="ArgumentException">The title is empty.</exception>
    public SvgLineChartOptions(string title, string xLabel, string yLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>The title, shown on top and as the SVG <c>&lt;title&gt;</c>.</summary>
    public string Title { get; }

    /// <summary>The label under the x-axis.</summary>
    public string XLabel { get; }

    /// <summary>The label beside the y-axis.</summary>
    public string YLabel { get; }

    /// <summary>Text of the SVG <c>&lt;desc&gt;</c> for screen readers; null writes one from the series (points, first and last values).</summary>
    public string? Description { get; init; }

    /// <summary>Prefix of the element ids (title, desc, clip path), unique within a page holding several charts; null derives one from the title.</summary>
    public string? Id { get; init; }

    /// <summary>Width in pixels, at least 240.</summary>
    public double Width
    {
        get;
        init => field = value >= 240 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "Expected a chart width of at least 240 pixels.");
    } = 720;

    /// <summary>Height in pixels without the legend (which adds a line per row of series names), at least 160.</summary>
    public double Height
    {
        get;
        init => field = value >= 160 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Height), value, "Expected a chart height of at least 160 pixels.");
    } = 320;

    /// <summary>A logarithmic y-axis (decades); points with y &lt;= 0 are skipped.</summary>
    public bool LogScaleY { get; init; }

    /// <summary>Fixed lower end of the y-axis, or null to fit the data (rounded out to a tick).</summary>
    public double? YMin { get; init; }

    /// <summary>Fixed upper end of the y-axis, or null to fit the data (rounded out to a tick).</summary>
    public double? YMax { get; init; }

    /// <summary>How y tick values are written.</summary>
    public TickFormat YFormat { get; init; } = TickFormat.Number;

    /// <summary>X ticks at whole numbers only (rounds); true by default.</summary>
    public bool IntegerX { get; init; } = true;
}
