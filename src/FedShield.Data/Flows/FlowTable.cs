namespace FedShield.Data.Flows;

/// <summary>
/// The rows kept while reading CICFlowMeter files: raw feature values (with +∞, −∞ and NaN still in
/// them), raw label ids, and how many kept rows each file contributed (rows stay in file order).
/// </summary>
internal sealed class FlowTable
{
    private float[] _values;

    public FlowTable(int width)
    {
        Width = width;
        _values = new float[width * 1024];
    }

    /// <summary>Features per row.</summary>
    public int Width { get; }

    /// <summary>Number of kept rows.</summary>
    public int Count => RawLabels.Count;

    /// <summary>The kept rows, row-major (Count × Width).</summary>
    public Span<float> Values => _values.AsSpan(0, Count * Width);

    /// <summary>Each kept row's index into <see cref="LabelNames"/>.</summary>
    public List<int> RawLabels { get; } = [];

    /// <summary>Raw CSV labels in order of first appearance over all rows read.</summary>
    public List<string> LabelNames { get; } = [];

    /// <summary>Kept rows per file, in file order: the files' segments of <see cref="Values"/>.</summary>
    public List<int> KeptPerFile { get; } = [];

    /// <summary>The room for one more row, to be filled before <see cref="Commit"/>.</summary>
    public Span<float> NextRow()
    {
        int needed = (Count + 1) * Width;
        if (needed > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));
        }

        return _values.AsSpan(Count * Width, Width);
    }

    /// <summary>Keeps the row written into <see cref="NextRow"/> with its raw label id.</summary>
    public void Commit(int rawLabel) => RawLabels.Add(rawLabel);

    /// <summary>The kept rows as an array of exactly Count × Width values.</summary>
    public float[] ToArray() => Values.ToArray();
}
