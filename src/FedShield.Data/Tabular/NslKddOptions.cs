namespace FedShield.Data.Tabular;

/// <summary>Options of <see cref="NslKddLoader.Load"/>, validated when set.</summary>
public sealed record NslKddOptions
{
    /// <summary>Binary (normal / attack) or five-category labels; default <see cref="NslKddLabels.Binary"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="NslKddLabels"/> value.</exception>
    public NslKddLabels Labels
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Labels), value, "NslKddOptions.Labels must be Binary or Category.");
    } = NslKddLabels.Binary;

    /// <summary>
    /// The training file, relative to the loader's directory (or absolute); default <c>KDDTrain+.txt</c>.
    /// <c>KDDTrain+_20Percent.txt</c> is its first 25,192 records.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or blank.</exception>
    public string TrainFile
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("NslKddOptions.TrainFile must name a file.", nameof(TrainFile)) : value;
    } = "KDDTrain+.txt";

    /// <summary>
    /// The test file, relative to the loader's directory (or absolute); default <c>KDDTest+.txt</c>.
    /// <c>KDDTest-21.txt</c> is the harder subset.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or blank.</exception>
    public string TestFile
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("NslKddOptions.TestFile must name a file.", nameof(TestFile)) : value;
    } = "KDDTest+.txt";
}
