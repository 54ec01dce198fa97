namespace FedShield.Data.Tabular;

/// <summary>
/// Loads UCI Adult (census income: does a person earn more than $50K a year?) from <c>adult.data</c> and
/// <c>adult.test</c> as a binary classification <see cref="DatasetPair"/> named <c>adult/train</c> and
/// <c>adult/test</c>, classes <c>["&lt;=50K", "&gt;50K"]</c>, sample shape <c>[F]</c>.
/// </summary>
/// <remarks>
/// <para>
/// Format: one record per line, 14 attributes and the label separated by <c>", "</c>; <c>?</c> marks a
/// missing value; <c>adult.test</c> starts with the line <c>|1x3 Cross validator</c> (lines starting with
/// <c>|</c> are skipped) and ends its labels with a dot (<c>&gt;50K.</c>), which is accepted in either file.
/// </para>
/// <para>
/// Encoding, fitted on the training rows only: the categorical attributes (workclass, education,
/// marital-status, occupation, relationship, race, sex, native-country) are one-hot over the categories
/// present in the training rows, in order of first appearance, and a category absent from training encodes
/// as all zeros; the numeric attributes (age, fnlwgt, education-num, capital-gain, capital-loss,
/// hours-per-week) are standardised with the training mean and population standard deviation. Features keep
/// the file's attribute order: <c>age</c>, <c>workclass=State-gov</c>, ..., <c>fnlwgt</c>, <c>education=Bachelors</c>, ...
/// </para>
/// <para>
/// Feature count F with the official split: 104 with <see cref="AdultMissingValues.Drop"/> (no training
/// row with workclass <c>Never-worked</c> survives, since all of them lack an occupation) and 105 with
/// <see cref="AdultMissingValues.Impute"/>: 6 numeric + 8 workclass + 16 education + 7 marital-status +
/// 14 occupation + 6 relationship + 5 race + 2 sex + 41 native-country. The FFL paper's MLP of about 5K
/// parameters matches these ~105 inputs. With <see cref="AdultSplit.Merged"/> the vocabulary comes from the
/// random training part, so a category with very few rows (native-country <c>Holand-Netherlands</c> has one)
/// may be absent for some seeds.
/// </para>
/// <para>
/// Row counts: official split 32,561 / 16,281 with Impute and 30,162 / 15,060 with Drop; the merged split
/// takes <see cref="AdultOptions.TrainFraction"/> of all 48,842 (Impute) or 45,222 (Drop) records.
/// Source: Becker and Kohavi (1996), "Adult", UCI Machine Learning Repository, doi:10.24432/C5XW20
/// (https://archive.ics.uci.edu/dataset/2/adult), licence CC BY 4.0.
/// </para>
/// </remarks>
public static class AdultLoader
{
    /// <summary>The training file's name.</summary>
    public const string TrainFile = "adult.data";

    /// <summary>The test file's name.</summary>
    public const string TestFile = "adult.test";

    private const string Source = "UCI Adult (https://archive.ics.uci.edu/dataset/2/adult)";

    private static readonly string[] Labels = ["<=50K", ">50K"];

    /// <summary>The class names: label 0 is <c>&lt;=50K</c>, label 1 is <c>&gt;50K</c>.</summary>
    public static IReadOnlyList<string> ClassNames => Labels;

    /// <summary>Loads <c>adult.data</c> and <c>adult.test</c> from <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding both files.</param>
    /// <param name="options">Missing-value handling and split; null for the defaults (drop rows with <c>?</c>, official split).</param>
    /// <exception cref="FileNotFoundException">A file is absent.</exception>
    /// <exception cref="DataFormatException">
    /// A line does not have 15 fields, a numeric attribute is not a number, a categorical one is empty, or the
    /// label is neither <c>&lt;=50K</c> nor <c>&gt;50K</c> (with or without a final dot); or a file has no
    /// records, or nothing is left to train on. The message names the file and line.
    /// </exception>
    public static DatasetPair Load(string directory, AdultOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new AdultOptions();
        string trainPath = TabularParsing.RequireFile(directory, TrainFile, "Adult", Source);
        string testPath = TabularParsing.RequireFile(directory, TestFile, "Adult", Source);

        var attributes = AdultParser.CreateAttributes();
        var train = AdultParser.Parse(trainPath, attributes);
        var test = AdultParser.Parse(testPath, attributes);
        if (options.Missing == AdultMissingValues.Drop)
        {
            train = train.WithoutMissing();
            test = test.WithoutMissing();
        }

        if (options.Split == AdultSplit.Merged)
        {
            var all = RawRows.Concat(train, test);
            var (trainRows, testRows) = StratifiedSplit.Split(all.Labels, Labels.Length, options.TrainFraction, options.Seed);
            train = all.Select(trainRows);
            test = all.Select(testRows);
        }

        if (train.Count == 0)
        {
            throw new DataFormatException(trainPath, "all lines", $"no training record is left after {options.Missing} of missing values and the {options.Split} split; expected at least one.");
        }

        if (options.Missing == AdultMissingValues.Impute)
        {
            AdultParser.Impute(attributes, train, test, trainPath);
        }

        var encoder = TabularEncoder.Fit(attributes, train);
        var (xTrain, xTest) = encoder.EncodeStandardised(train, test);
        int[] shape = [encoder.Width];
        return new DatasetPair(
            new Dataset("adult/train", xTrain, shape, train.Labels.ToArray(), Labels, encoder.FeatureNames),
            new Dataset("adult/test", xTest, shape, test.Labels.ToArray(), Labels, encoder.FeatureNames));
    }
}
