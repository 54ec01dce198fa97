namespace FedShield.Data.Flows;

/// <summary>What <see cref="CicDdosLoader.Load"/> builds from the CSV files: label scheme, class selection, split and windowing, validated on construction.</summary>
public sealed record CicDdosOptions
{
    private readonly string[]? _classes;

    /// <summary>Creates and validates the options.</summary>
    /// <param name="labels">Binary (benign/attack) or one class per attack type.</param>
    /// <param name="classes">
    /// Keep only rows whose label matches one of these, or null for all rows. Matching ignores case and
    /// every character that is not a letter or digit: <c>"UDPLag"</c> matches <c>UDP-lag</c>, <c>"syn"</c> matches <c>Syn</c>.
    /// </param>
    /// <param name="testFraction">Share of each class (or, in window mode, of each file's rows) held out for testing, in (0, 1).</param>
    /// <param name="seed">Seed of the stratified split.</param>
    /// <param name="windowLength">Null for one sample per flow; otherwise L ≥ 1: each sample is L consecutive flows of one file, shape (L, F).</param>
    /// <param name="windowStride">Rows between the starts of consecutive windows, ≥ 1 (used only with a window length).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is empty or holds a name with no letter or digit.</exception>
    public CicDdosOptions(CicDdosLabels labels = CicDdosLabels.Binary, IReadOnlyList<string>? classes = null, double testFraction = 0.2, int seed = 0, int? windowLength = null, int windowStride = 1)
    {
        if (!Enum.IsDefined(labels))
        {
            throw new ArgumentOutOfRangeException(nameof(labels), labels, $"labels must be {CicDdosLabels.Binary} or {CicDdosLabels.AttackType}.");
        }

        if (classes is not null)
        {
            if (classes.Count == 0)
            {
                throw new ArgumentException("classes must name at least one label, or be null to keep every row.", nameof(classes));
            }

            foreach (var c in classes)
            {
                if (c is null || CicDdosLabelNames.Normalize(c).Length == 0)
                {
                    throw new ArgumentException($"class '{c}' has no letter or digit to match a label with.", nameof(classes));
                }
            }

            _classes = [.. classes];
        }

        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"testFraction must lie in (0, 1); got {testFraction}.");
        }

        if (windowLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, $"windowLength must be at least 1 (or null for single flows); got {windowLength}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(windowStride, 1);
        Labels = labels;
        TestFraction = testFraction;
        Seed = seed;
        WindowLength = windowLength;
        WindowStride = windowStride;
    }

    /// <summary>The label scheme.</summary>
    public CicDdosLabels Labels { get; }

    /// <summary>The labels to keep (matched ignoring case and non-alphanumerics), or null for all.</summary>
    public IReadOnlyList<string>? Classes => _classes;

    /// <summary>Share held out for testing, in (0, 1).</summary>
    public double TestFraction { get; }

    /// <summary>Seed of the stratified split.</summary>
    public int Seed { get; }

    /// <summary>Flows per window sample, or null for one sample per flow.</summary>
    public int? WindowLength { get; }

    /// <summary>Rows between window starts.</summary>
    public int WindowStride { get; }
}
