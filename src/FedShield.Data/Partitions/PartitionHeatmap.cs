using System.Globalization;
using System.Xml.Linq;

namespace FedShield.Data.Partitions;

/// <summary>
/// Draws a <see cref="PartitionReport"/> as a standalone SVG heat map: one row per client, one column per class,
/// each cell coloured by the share of the client's training samples in that class (white = 0 to dark blue = 1),
/// with class names on top, client numbers on the left, each client's sample count on the right (a bar and,
/// where rows are tall enough, the number) and a colour bar.
/// </summary>
/// <remarks>
/// Rows shrink as clients grow (18 px for a few clients, 8 px for 100, at least 1 px) so the picture stays about
/// 800 px tall; client numbers and counts are then written every few rows. Cells carry a tooltip
/// (<c>&lt;title&gt;</c>) with the exact count unless there are more than <see cref="MaxTooltipCells"/> cells.
/// </remarks>
public static class PartitionHeatmap
{
    /// <summary>Above this many cells, tooltips are left out to keep the file small.</summary>
    public const int MaxTooltipCells = 20_000;

    private const double GridHeightTarget = 800;
    private const double LabelGap = 12;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // A sequential scale from near white to dark blue, interpolated linearly in RGB between these stops.
    private static readonly (double At, int R, int G, int B)[] Stops =
    [
        (0.00, 247, 251, 255),
        (0.25, 198, 219, 239),
        (0.50, 107, 174, 214),
        (0.75, 33, 113, 181),
        (1.00, 8, 48, 107),
    ];

    /// <summary>The heat map of <paramref name="report"/> as SVG text, titled <paramref name="title"/> (names are XML-escaped).</summary>
    public static string ToSvg(PartitionReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(title);
        int clients = report.PerClass.Length;
        int classes = report.ClassNames.Count;
        double cellWidth = classes <= 20 ? 36 : Math.Max(8, 720.0 / classes);
        double rowHeight = Math.Clamp(Math.Floor(GridHeightTarget / clients), 1, 18);
        int longestName = report.ClassNames.Max(n => n.Length);
        bool rotateNames = longestName * 6.5 > cellWidth - 4;
        double namesHeight = rotateNames ? (Math.Min(longestName, 24) * 5) + 14 : 20;

        double left = 72;
        double top = 44 + namesHeight;
        double gridWidth = classes * cellWidth;
        double gridHeight = clients * rowHeight;
        double barsLeft = left + gridWidth + 10;
        const double BarsWidth = 90;
        double legendLeft = barsLeft + BarsWidth + 60;
        double legendHeight = Math.Clamp(gridHeight, 120, 300);
        // Wide enough for the title too (bold 15 px text averages about 8.5 px per character).
        double width = Math.Max(legendLeft + 120, left + (title.Length * 8.5) + 10);
        double height = top + Math.Max(gridHeight, legendHeight) + 44;
        int labelStep = LabelStep(rowHeight);
        int maxTotal = Math.Max(1, report.TrainCounts.Max());

        var root = new XElement(Svg + "svg",
            new XAttribute("width", F(width)),
            new XAttribute("height", F(height)),
            new XAttribute("viewBox", $"0 0 {F(width)} {F(height)}"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            new XElement(Svg + "title", title),
            Gradient(),
            new XElement(Svg + "rect", new XAttribute("class", "background"), new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")),
            Text(left, 22, title, ("font-size", "15"), ("font-weight", "bold")),
            Text(left + (gridWidth / 2), top + gridHeight + 30, "class", ("text-anchor", "middle")),
            Text(16, top + (gridHeight / 2), "client", ("text-anchor", "middle"), ("transform", $"rotate(-90 16 {F(top + (gridHeight / 2))})")),
            Text(barsLeft, top - 8, "train samples"));

        for (int k = 0; k < classes; k++)
        {
            double x = left + ((k + 0.5) * cellWidth);
            root.Add(rotateNames
                ? Text(x, top - 6, report.ClassNames[k], ("transform", $"rotate(-45 {F(x)} {F(top - 6)})"))
                : Text(x, top - 6, report.ClassNames[k], ("text-anchor", "middle")));
        }

        var cells = new XElement(Svg + "g", new XAttribute("shape-rendering", "crispEdges"));
        bool tooltips = (long)clients * classes <= MaxTooltipCells;
        for (int c = 0; c < clients; c++)
        {
            double y = top + (c * rowHeight);
            int total = report.TrainCounts[c];
            for (int k = 0; k < classes; k++)
            {
                int count = report.PerClass[c][k];
                double share = total == 0 ? 0 : (double)count / total;
                var cell = new XElement(Svg + "rect",
                    new XAttribute("class", "cell"),
                    new XAttribute("x", F(left + (k * cellWidth))),
                    new XAttribute("y", F(y)),
                    new XAttribute("width", F(cellWidth)),
                    new XAttribute("height", F(rowHeight)),
                    new XAttribute("fill", ColorOf(share)));
                if (tooltips)
                {
                    cell.Add(new XElement(Svg + "title", string.Create(CultureInfo.InvariantCulture, $"client {c}, {report.ClassNames[k]}: {count} of {total} ({share:0.0%})")));
                }

                cells.Add(cell);
            }

            cells.Add(new XElement(Svg + "rect",
                new XAttribute("class", "total"),
                new XAttribute("x", F(barsLeft)),
                new XAttribute("y", F(y + (rowHeight * 0.15))),
                new XAttribute("width", F(BarsWidth * total / maxTotal)),
                new XAttribute("height", F(Math.Max(rowHeight * 0.7, 0.5))),
                new XAttribute("fill", "#9e9e9e")));
            if (c % labelStep == 0)
            {
                double middle = y + (rowHeight / 2) + 4;
                root.Add(Text(left - 6, middle, c.ToString(CultureInfo.InvariantCulture), ("text-anchor", "end")));
                root.Add(Text(barsLeft + BarsWidth + 4, middle, total.ToString(CultureInfo.InvariantCulture)));
            }
        }

        root.Add(cells);
        root.Add(Legend(legendLeft, top, legendHeight));
        return root.ToString();
    }

    /// <summary>The colour of a share in [0, 1] on the sequential scale, as <c>#rrggbb</c>.</summary>
    public static string ColorOf(double share)
    {
        double s = Math.Clamp(double.IsNaN(share) ? 0 : share, 0, 1);
        int i = 1;
        while (i < Stops.Length - 1 && s > Stops[i].At)
        {
            i++;
        }

        var (a, b) = (Stops[i - 1], Stops[i]);
        double t = (s - a.At) / (b.At - a.At);
        int Mix(int from, int to) => (int)Math.Round(from + ((to - from) * t));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(a.R, b.R):x2}{Mix(a.G, b.G):x2}{Mix(a.B, b.B):x2}");
    }

    // The smallest of 1, 2, 5, 10, 20, 50, ... rows between labels that leaves LabelGap pixels between them.
    private static int LabelStep(double rowHeight)
    {
        int step = 1;
        for (int i = 0; step * rowHeight < LabelGap; i++)
        {
            step = i % 3 == 1 ? step * 5 / 2 : step * 2;
        }

        return step;
    }

    private static XElement Gradient() =>
        new(Svg + "defs",
            new XElement(Svg + "linearGradient",
                new XAttribute("id", "share-scale"),
                new XAttribute("x1", "0"),
                new XAttribute("y1", "1"),
                new XAttribute("x2", "0"),
                new XAttribute("y2", "0"),
                Stops.Select(s => new XElement(Svg + "stop",
                    new XAttribute("offset", F(s.At)),
                    new XAttribute("stop-color", ColorOf(s.At))))));

    private static XElement Legend(double x, double top, double height)
    {
        var legend = new XElement(Svg + "g",
            new XAttribute("class", "legend"),
            Text(x - 4, top - 22, "share of the client's"),
            Text(x - 4, top - 8, "train samples"),
            new XElement(Svg + "rect",
                new XAttribute("x", F(x)),
                new XAttribute("y", F(top)),
                new XAttribute("width", "14"),
                new XAttribute("height", F(height)),
                new XAttribute("fill", "url(#share-scale)"),
                new XAttribute("stroke", "#555")));
        for (int tick = 0; tick <= 4; tick++)
        {
            double y = top + height - (height * tick / 4);
            legend.Add(new XElement(Svg + "line",
                new XAttribute("x1", F(x + 14)),
                new XAttribute("x2", F(x + 18)),
                new XAttribute("y1", F(y)),
                new XAttribute("y2", F(y)),
                new XAttribute("stroke", "#555")));
            legend.Add(Text(x + 21, y + 4, $"{tick * 25}%"));
        }

        return legend;
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

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
