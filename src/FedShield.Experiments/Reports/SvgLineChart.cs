using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace FedShield.Experiments.Reports;

/// <summary>
/// A line chart as standalone SVG text: title, axis labels, nice ticks with grid lines, one path per series
/// (missing points skipped, the line joining the points around them), markers on sparse series, and a legend
/// under the plot. The output depends only on the options and series (invariant culture, fixed layout), and
/// carries <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> elements referenced by <c>aria-labelledby</c>.
/// </summary>
/// <remarks>
/// Colours follow the Okabe–Ito palette (distinguishable with common colour-vision deficiencies); series past
/// the eighth reuse the colours with dashes. Series with at most <see cref="MarkerLimit"/> points also get round
/// markers, so isolated evaluations stay visible.
/// </remarks>
public sealed class SvgLineChart
{
    /// <summary>Series with at most this many drawable points get a marker at each point.</summary>
    public const int MarkerLimit = 30;

    private const double Left = 76;
    private const double Right = 24;
    private const double Top = 44;
    private const double Bottom = 48;
    private const double LegendRow = 18;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C8C8C"];
    private static readonly string[] Dashes = ["", "6 3", "2 3", "8 3 2 3"];

    private readonly List<ChartSeries> _series = [];

    /// <summary>An empty chart with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">YMin is not below YMax, or a log axis has a fixed YMin or YMax that is not positive.</exception>
    public SvgLineChart(SvgLineChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.YMin is double low && options.YMax is double high && !(low < high))
        {
            throw new ArgumentException($"YMin ({low}) must be below YMax ({high}).", nameof(options));
        }

        if (options.LogScaleY && (options.YMin <= 0 || options.YMax <= 0))
        {
            throw new ArgumentException("A logarithmic y-axis needs positive YMin and YMax.", nameof(options));
        }

        Options = options;
    }

    /// <summary>The chart's settings.</summary>
    public SvgLineChartOptions Options { get; }

    /// <summary>The series added so far, in legend order.</summary>
    public IReadOnlyList<ChartSeries> Series => _series;

    /// <summary>Adds a series.</summary>
    /// <returns>This chart, for chaining.</returns>
    public SvgLineChart Add(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return this;
    }

    /// <summary>Adds a series named <paramref name="name"/> through the points (x[i], y[i]).</summary>
    /// <returns>This chart, for chaining.</returns>
    public SvgLineChart Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y) => Add(new ChartSeries(name, x, y));

    /// <summary>The chart as SVG text (no XML declaration, LF line ends), ready to save or to inline in HTML.</summary>
    public string ToSvg()
    {
        string id = Options.Id ?? Slug(Options.Title);
        var points = _series.Select(Drawable).ToArray();
        var all = points.SelectMany(p => p).ToArray();

        double plotWidth = Options.Width - Left - Right;
        var legend = LayoutLegend(plotWidth);
        double legendHeight = legend.Count == 0 ? 0 : ((legend.Max(l => l.Row) + 1) * LegendRow) + 8;
        double height = Options.Height + legendHeight;
        double plotLeft = Left, plotRight = Options.Width - Right, plotTop = Top, plotBottom = Options.Height - Bottom;

        // The x range covers every x given, measured or not, so runs that evaluate rarely keep their full timeline.
        double[] xs = _series.SelectMany(s => s.X).Where(double.IsFinite).ToArray();
        var xScale = AxisScale.Linear(
            xs.Length == 0 ? 0 : xs.Min(), xs.Length == 0 ? 1 : xs.Max(),
            TargetTicks(plotWidth, 80), extend: false, integer: Options.IntegerX);
        var yScale = YScale(all, plotBottom - plotTop);

        var root = new XElement(Svg + "svg",
            new XAttribute("width", F(Options.Width)),
            new XAttribute("height", F(height)),
            new XAttribute("viewBox", $"0 0 {F(Options.Width)} {F(height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            new XElement(Svg + "title", new XAttribute("id", id + "-title"), Options.Title),
            new XElement(Svg + "desc", new XAttribute("id", id + "-desc"), Options.Description ?? Describe(points)),
            new XElement(Svg + "defs",
                new XElement(Svg + "clipPath", new XAttribute("id", id + "-plot"),
                    new XElement(Svg + "rect", new XAttribute("x", F(plotLeft)), new XAttribute("y", F(plotTop)),
                        new XAttribute("width", F(plotRight - plotLeft)), new XAttribute("height", F(plotBottom - plotTop))))),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")),
            Text(plotLeft, 22, Options.Title, ("font-size", "15"), ("font-weight", "bold")));

        var grid = new XElement(Svg + "g", new XAttribute("class", "grid"), new XAttribute("stroke", "#e0e0e0"), new XAttribute("stroke-width", "1"));
        var labels = new XElement(Svg + "g", new XAttribute("class", "ticks"), new XAttribute("fill", "#444"));
        var yLabels = ReportFormat.TickLabels(yScale.Ticks, yScale.Step, Options.YFormat, yScale.Log);
        for (int i = 0; i < yScale.Ticks.Count; i++)
        {
            double y = yScale.Map(yScale.Ticks[i], plotBottom, plotTop);
            grid.Add(Line(plotLeft, y, plotRight, y));
            labels.Add(Text(plotLeft - 6, y + 4, yLabels[i], ("text-anchor", "end")));
        }

        var xLabels = ReportFormat.TickLabels(xScale.Ticks, xScale.Step, TickFormat.Number, log: false);
        for (int i = 0; i < xScale.Ticks.Count; i++)
        {
            double x = xScale.Map(xScale.Ticks[i], plotLeft, plotRight);
            grid.Add(Line(x, plotTop, x, plotBottom));
            labels.Add(Text(x, plotBottom + 16, xLabels[i], ("text-anchor", "middle")));
        }

        root.Add(grid, labels);
        root.Add(new XElement(Svg + "g", new XAttribute("class", "axes"), new XAttribute("stroke", "#444"), new XAttribute("stroke-width", "1"),
            Line(plotLeft, plotBottom, plotRight, plotBottom), Line(plotLeft, plotTop, plotLeft, plotBottom)));
        root.Add(Text((plotLeft + plotRight) / 2, plotBottom + 34, Options.XLabel, ("text-anchor", "middle")));
        double yMiddle = (plotTop + plotBottom) / 2;
        root.Add(Text(16, yMiddle, Options.YLabel + (yScale.Log ? " (log scale)" : ""), ("text-anchor", "middle"), ("transform", $"rotate(-90 16 {F(yMiddle)})")));

        var lines = new XElement(Svg + "g", new XAttribute("class", "series"), new XAttribute("clip-path", $"url(#{id}-plot)"));
        for (int s = 0; s < _series.Count; s++)
        {
            if (points[s].Length == 0)
            {
                continue;
            }

            var pixels = points[s].Select(p => (X: xScale.Map(p.X, plotLeft, plotRight), Y: yScale.Map(p.Y, plotBottom, plotTop))).ToArray();
            var group = new XElement(Svg + "g", new XElement(Svg + "title", _series[s].Name));
            var path = new StringBuilder();
            for (int i = 0; i < pixels.Length; i++)
            {
                path.Append(i == 0 ? 'M' : 'L').Append(F(pixels[i].X)).Append(',').Append(F(pixels[i].Y));
            }

            group.Add(Styled(new XElement(Svg + "path", new XAttribute("d", path.ToString()), new XAttribute("fill", "none"),
                new XAttribute("stroke-width", "2"), new XAttribute("stroke-linejoin", "round")), s));
            if (pixels.Length <= MarkerLimit)
            {
                foreach (var (x, y) in pixels)
                {
                    group.Add(new XElement(Svg + "circle", new XAttribute("cx", F(x)), new XAttribute("cy", F(y)), new XAttribute("r", "2.5"),
                        new XAttribute("fill", Palette[s % Palette.Length])));
                }
            }

            lines.Add(group);
        }

        root.Add(lines);
        if (all.Length == 0)
        {
            root.Add(Text((plotLeft + plotRight) / 2, yMiddle, "no data", ("text-anchor", "middle"), ("fill", "#888")));
        }

        var legendGroup = new XElement(Svg + "g", new XAttribute("class", "legend"));
        foreach (var (index, row, offset) in legend)
        {
            double y = Options.Height + (row * LegendRow) + 8;
            double x = plotLeft + offset;
            legendGroup.Add(Styled(Line(x, y - 4, x + 24, y - 4, ("stroke-width", "2")), index));
            string label = _series[index].Name + (points[index].Length == 0 ? " (no data)" : "");
            legendGroup.Add(Text(x + 30, y, label));
        }

        root.Add(legendGroup);
        return Serialize(root);
    }

    private AxisScale YScale((double X, double Y)[] all, double plotHeight)
    {
        int target = TargetTicks(plotHeight, 48);
        if (Options.LogScaleY)
        {
            double low = Options.YMin ?? (all.Length == 0 ? 1 : all.Min(p => p.Y));
            double high = Options.YMax ?? (all.Length == 0 ? 10 : all.Max(p => p.Y));
            var log = AxisScale.Logarithmic(low, high);
            return log with { Min = Options.YMin ?? log.Min, Max = Options.YMax ?? log.Max, Ticks = log.Ticks.Where(t => t >= (Options.YMin ?? 0) && t <= (Options.YMax ?? double.MaxValue)).ToArray() };
        }

        double min = Options.YMin ?? (all.Length == 0 ? 0 : all.Min(p => p.Y));
        double max = Options.YMax ?? (all.Length == 0 ? 1 : all.Max(p => p.Y));
        var scale = AxisScale.Linear(min, max, target, extend: true, integer: false);
        if (Options.YMin is null && Options.YMax is null)
        {
            return scale;
        }

        // Keep fixed ends exactly where they were asked for; ticks outside them are dropped.
        double lowEnd = Options.YMin ?? scale.Min, highEnd = Options.YMax ?? scale.Max;
        return scale with { Min = lowEnd, Max = highEnd, Ticks = scale.Ticks.Where(t => t >= lowEnd - 1e-12 && t <= highEnd + 1e-12).ToArray() };
    }

    private (double X, double Y)[] Drawable(ChartSeries series)
    {
        var points = new List<(double X, double Y)>(series.X.Count);
        for (int i = 0; i < series.X.Count; i++)
        {
            double x = series.X[i], y = series.Y[i];
            if (double.IsFinite(x) && double.IsFinite(y) && (!Options.LogScaleY || y > 0))
            {
                points.Add((x, y));
            }
        }

        return [.. points];
    }

    // Legend items flow left to right under the plot and wrap; each item is a 24 px swatch and its name.
    private List<(int Index, int Row, double Offset)> LayoutLegend(double plotWidth)
    {
        var items = new List<(int Index, int Row, double Offset)>();
        int row = 0;
        double offset = 0;
        for (int s = 0; s < _series.Count; s++)
        {
            double width = 30 + (_series[s].Name.Length * 6.5) + 20;
            if (offset > 0 && offset + width > plotWidth)
            {
                row++;
                offset = 0;
            }

            items.Add((s, row, offset));
            offset += width;
        }

        return items;
    }

    private string Describe((double X, double Y)[][] points)
    {
        var text = new StringBuilder("Line chart of ").Append(Options.YLabel).Append(" against ").Append(Options.XLabel);
        text.Append(Options.LogScaleY ? " (logarithmic y-axis)." : ".");
        for (int s = 0; s < _series.Count; s++)
        {
            var p = points[s];
            text.Append(' ').Append(_series[s].Name).Append(": ");
            if (p.Length == 0)
            {
                text.Append("no data.");
                continue;
            }

            var values = ReportFormat.TickLabels([p[0].Y, p[^1].Y], 0.0001, Options.YFormat, log: false);
            text.Append(CultureInfo.InvariantCulture, $"{p.Length} points, from {values[0]} at {F(p[0].X)} to {values[1]} at {F(p[^1].X)}.");
        }

        return text.ToString();
    }

    private static int TargetTicks(double pixels, double spacing) => Math.Clamp((int)(pixels / spacing), 2, 10);

    private static XElement Styled(XElement element, int series)
    {
        element.Add(new XAttribute("stroke", Palette[series % Palette.Length]));
        string dash = Dashes[series / Palette.Length % Dashes.Length];
        if (dash.Length > 0)
        {
            element.Add(new XAttribute("stroke-dasharray", dash));
        }

        return element;
    }

    private static XElement Line(double x1, double y1, double x2, double y2, params (string Name, string Value)[] attributes)
    {
        var line = new XElement(Svg + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)));
        foreach (var (name, value) in attributes)
        {
            line.Add(new XAttribute(name, value));
        }

        return line;
    }

    private static XElement Text(double x, double y, string content, params (string Name, string Value)[] attributes)
    {
        var text = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), content);
        foreach (var (name, value) in attributes)
        {
            text.Add(new XAttribute(name, value));
        }

        return text;
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder("chart-");
        foreach (char c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Serialize(XElement root)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, settings))
        {
            root.WriteTo(writer);
        }

        return output.ToString();
    }
}
