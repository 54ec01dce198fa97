namespace FedShield.Experiments.Reports;

/// <summary>
/// One named line of a <see cref="SvgLineChart"/>: points (X[i], Y[i]) drawn in order. A point whose x or y is
/// NaN or infinite (or whose y is not positive on a log axis) is skipped and the line joins its neighbours.
/// </summary>
public sealed record ChartSeries
{
    /// <summary>A series named <paramref name="name"/> through the points (x[i], y[i]).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public ChartSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"Series '{name}' has {x.Count} x values and {y.Count} y values; expected as many of each.", nameof(y));
        }

        Name = name;
        X = x.ToArray();
        Y = y.ToArray();
    }

    /// <summary>The name shown in the legend.</summary>
    public string Name { get; }

    /// <summary>The x values (a copy of what was given).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The y values (a copy of what was given).</summary>
    public IReadOnlyList<double> Y { get; }
}
