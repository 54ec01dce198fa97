namespace FedShield.Data.Tabular;

/// <summary>
/// Loads NSL-KDD (network-intrusion records, Tavallaee et al., "A Detailed Analysis of the KDD CUP 99 Data
/// Set", IEEE CISDA 2009) as <c>nsl-kdd/train</c> and <c>nsl-kdd/test</c>, sample shape <c>[F]</c>.
/// </summary>
/// <remarks>
/// <para>
/// Format: no header; 43 comma-separated fields per line: the 41 KDD'99 features, the attack name and the
/// difficulty level. The attack name becomes the label (binary or its <see cref="NslKddCategories"/>
/// category) and is kept per row in <see cref="NslKddData.TrainAttacks"/>; the difficulty is kept in
/// <see cref="NslKddData.TrainDifficulty"/>; neither is a feature.
/// </para>
/// <para>
/// Encoding, fitted on the training file only, features in file order: protocol_type, service and flag are
/// one-hot over the values present in the training file, in order of first appearance (a value absent from
/// training encodes as all zeros); the 38 numeric features are log-scaled as <c>log(1 + x)</c>, which tames
/// byte counts spanning nine orders of magnitude, then standardised with the training mean and population
/// standard deviation (the constant num_outbound_cmds becomes 0). With <c>KDDTrain+.txt</c>,
/// F = 3 protocols + 70 services + 11 flags + 38 numeric = 122. Feature names: <c>duration</c>,
/// <c>protocol_type=tcp</c>, ..., <c>service=ftp_data</c>, ..., <c>dst_host_srv_rerror_rate</c>.
/// </para>
/// <para>
/// Rows: <c>KDDTrain+</c> 125,973, <c>KDDTest+</c> 22,544. Source: https://www.unb.ca/cic/datasets/nsl.html
/// (UNB Canadian Institute for Cybersecurity; public for research with citation).
/// </para>
/// </remarks>
public static class NslKddLoader
{
    private const string Source = "NSL-KDD (https://www.unb.ca/cic/datasets/nsl.html)";

    private static readonly string[] BinaryClasses = ["normal", "attack"];

    /// <summary>Loads the training and test files named in <paramref name="options"/> from <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding the files.</param>
    /// <param name="options">Labels and file names; null for binary labels on KDDTrain+.txt / KDDTest+.txt.</param>
    /// <exception cref="FileNotFoundException">A file is absent.</exception>
    /// <exception cref="DataFormatException">
    /// A line does not have 43 fields, a numeric feature is not a number or is negative, the attack name is
    /// unknown to <see cref="NslKddCategories"/>, the difficulty is not an integer in [0, 21], or a file has no
    /// records. The message names the file and line.
    /// </exception>
    public static NslKddData Load(string directory, NslKddOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new NslKddOptions();
        string trainPath = TabularParsing.RequireFile(directory, options.TrainFile, "NSL-KDD", Source);
        string testPath = TabularParsing.RequireFile(directory, options.TestFile, "NSL-KDD", Source);

        var attributes = NslKddParser.CreateAttributes();
        var attackCodes = new CategoryCodes("attack");
        var attackCategories = new List<int>();
        var train = NslKddParser.Parse(trainPath, attributes, attackCodes, attackCategories, options.Labels);
        var test = NslKddParser.Parse(testPath, attributes, attackCodes, attackCategories, options.Labels);

        var encoder = TabularEncoder.Fit(attributes, train.Rows);
        var (xTrain, xTest) = encoder.EncodeStandardised(train.Rows, test.Rows);
        int[] shape = [encoder.Width];
        var classes = options.Labels == NslKddLabels.Binary ? BinaryClasses : NslKddCategories.Names;
        var pair = new DatasetPair(
            new Dataset("nsl-kdd/train", xTrain, shape, train.Rows.Labels.ToArray(), classes, encoder.FeatureNames),
            new Dataset("nsl-kdd/test", xTest, shape, test.Rows.Labels.ToArray(), classes, encoder.FeatureNames));
        return new NslKddData(pair, train.Difficulty, test.Difficulty, train.Attacks, test.Attacks);
    }
}
