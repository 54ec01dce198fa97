using FedShield.Data.Tabular;

namespace FedShield.Data.Flows;

/// <summary>
/// Loads CIC-DDoS2019 flow records (CSV files written by CICFlowMeter, 88 columns) into a standardised
/// train/test <see cref="DatasetPair"/> of flows, or of windows of consecutive flows for recurrent models.
/// </summary>
/// <remarks>
/// <para>Cleaning rules, in order:</para>
/// <list type="number">
/// <item>Files: every <c>*.csv</c> under the directory, recursively, read in ordinal order of their
/// relative paths. Header names are trimmed (CICFlowMeter writes <c>" Label"</c>, <c>" Source IP"</c>);
/// every file must have the first file's header, names compared ignoring case (one published file
/// spells the label column <c>label</c>), else <see cref="DataFormatException"/>. Fields are split on
/// commas without quoting (CICFlowMeter writes none); a row with another field count is a
/// <see cref="DataFormatException"/> naming file and line.</item>
/// <item>Columns: the identifiers <c>Unnamed: 0</c> (row index of the original file), <c>Flow ID</c>,
/// <c>Source IP</c>, <c>Destination IP</c>, <c>Timestamp</c> and the free-text <c>SimillarHTTP</c> are
/// dropped; <c>Label</c> gives the class; every other column is a numeric feature, ports and protocol
/// included (81 features for the CIC-DDoS2019 header).</item>
/// <item>Duplicates: a row whose (<c>Unnamed: 0</c>, <c>Flow ID</c>, <c>Timestamp</c>) equals an earlier
/// row's, in file order, is dropped (published subsets repeat rows of the daily files). Rows that differ
/// in that key but have identical features and label are distinct flows and are kept (counted in
/// <see cref="CicDdosCleaningReport.ExactDuplicateFeatureRows"/>).</item>
/// <item>Class selection (<see cref="CicDdosOptions.Classes"/>) keeps the rows whose label matches a
/// requested name ignoring case and non-alphanumerics.</item>
/// <item>Values, with extremes taken over the training rows: <c>Infinity</c>, <c>+Infinity</c>, <c>inf</c> (any case) become the
/// column's largest finite value and <c>-Infinity</c>/<c>-inf</c> its smallest (0 when the column has no
/// finite value), which keeps "faster than anything seen" ordered without an arbitrary constant; an
/// empty cell or <c>NaN</c> becomes 0 (CICFlowMeter writes them for 0/0 rates of zero-length flows).
/// Any other cell that is not a decimal number is a <see cref="DataFormatException"/> naming file, line
/// and column.</item>
/// <item>Split, flow mode: stratified by class, <c>round(TestFraction·n)</c> random rows of each class
/// (seeded) go to test; both splits keep file order. Window mode: temporal per file, the first
/// <c>n − round(TestFraction·n)</c> kept rows of each file form the train segment and the rest the test
/// segment, so no flow appears in both a train and a test window; note that the class mix of the test
/// split then follows the order of each file.</item>
/// <item>Standardisation: every feature column gets <c>(x − mean) / std</c> with the train rows' mean and
/// population std (std 1 for a column constant in train), applied to both splits.</item>
/// <item>Windows (<see cref="CicDdosOptions.WindowLength"/> = L): <see cref="SequenceWindows.Build"/> over
/// each segment, in file order, never crossing a file or the train/test boundary; sample shape (L, F),
/// label = the class of the window's last flow.</item>
/// </list>
/// </remarks>
public static class CicDdosLoader
{
    /// <summary>Dataset name prefix of both splits.</summary>
    public const string DatasetName = "cic-ddos2019";

    /// <summary>Reads, cleans, splits and standardises every CSV file under <paramref name="directory"/>.</summary>
    /// <param name="directory">A folder holding CICFlowMeter CSV files, at any depth.</param>
    /// <param name="options">Label scheme, class selection, split and windowing; defaults when null.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder holds no CSV file, or a requested class has no rows (the message lists the labels present).</exception>
    /// <exception cref="DataFormatException">A header differs between files, a row has the wrong field count, or a cell is not a number.</exception>
    public static CicDdosData Load(string directory, CicDdosOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new CicDdosOptions();
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"CIC-DDoS2019: folder '{directory}' does not exist.");
        }

        var files = Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories)
            .Select(f => (Path: f, Name: Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"CIC-DDoS2019: folder '{directory}' holds no *.csv file.", nameof(directory));
        }

        var selector = new CicDdosClassSelector(options.Classes);
        var reader = new CicDdosCsvReader(selector);
        foreach (var (path, name) in files)
        {
            reader.Read(path, name);
        }

        selector.EnsureAllMatched(reader.LabelsAfterDeduplication, nameof(options));
        var table = reader.Table!;
        int exactDuplicates = FlowCleaning.CountExactDuplicates(table.Values, table.Width, table.RawLabels);
        var (classNames, classOfRawLabel) = Classes(options.Labels, table);
        var labels = new int[table.Count];
        var keptPerLabel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
        {
            int raw = table.RawLabels[i];
            labels[i] = classOfRawLabel[raw];
            var name = table.LabelNames[raw];
            keptPerLabel[name] = keptPerLabel.GetValueOrDefault(name) + 1;
        }

        var isTest = options.WindowLength is null
            ? StratifiedSplit.TestMask(labels, classNames.Length, options.TestFraction, options.Seed)
            : TemporalTestMask(table, options.TestFraction);
        var isTrain = Array.ConvertAll(isTest, t => !t);
        var (infinite, missing) = FlowCleaning.ReplaceNonFinite(table.Values, table.Width, isTrain);

        var report = new CicDdosCleaningReport(
            reader.RowsReadPerFile,
            reader.RowsReadPerLabel,
            reader.DuplicateRowsRemoved,
            reader.RowsRemovedByClassSelection,
            exactDuplicates,
            infinite,
            missing,
            reader.RowsKeptPerFile,
            keptPerLabel,
            reader.Header.DroppedNames);
        var featureNames = reader.Header.FeatureNames;
        var pair = options.WindowLength is int length
            ? BuildWindows(table, labels, classNames, options, length)
            : BuildFlows(table, labels, classNames, featureNames, isTest);
        return new CicDdosData(pair, featureNames, report);
    }

    private static (string[] Names, int[] ClassOfRawLabel) Classes(CicDdosLabels scheme, FlowTable table)
    {
        var classOf = new int[table.LabelNames.Count];
        if (scheme == CicDdosLabels.Binary)
        {
            for (int r = 0; r < classOf.Length; r++)
            {
                classOf[r] = CicDdosLabelNames.IsBenign(table.LabelNames[r]) ? 0 : 1;
            }

            return (["benign", "attack"], classOf);
        }

        // Only labels with kept rows become classes: a selection yields exactly the requested classes.
        var present = new bool[classOf.Length];
        foreach (int r in table.RawLabels)
        {
            present[r] = true;
        }

        var names = table.LabelNames.Where((_, r) => present[r])
            .OrderBy(n => CicDdosLabelNames.IsBenign(n) ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToArray();
        for (int r = 0; r < classOf.Length; r++)
        {
            classOf[r] = Array.IndexOf(names, table.LabelNames[r]);
        }

        return (names, classOf);
    }

    private static DatasetPair BuildFlows(FlowTable table, int[] labels, string[] classNames, string[] featureNames, bool[] test)
    {
        int width = table.Width;
        int testCount = test.Count(t => t);
        var trainRows = new float[(labels.Length - testCount) * width];
        var testRows = new float[testCount * width];
        var trainLabels = new int[labels.Length - testCount];
        var testLabels = new int[testCount];
        var values = table.Values;
        int tr = 0, te = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = values.Slice(i * width, width);
            if (test[i])
            {
                row.CopyTo(testRows.AsSpan(te * width, width));
                testLabels[te++] = labels[i];
            }
            else
            {
                row.CopyTo(trainRows.AsSpan(tr * width, width));
                trainLabels[tr++] = labels[i];
            }
        }

        var standardizer = Standardizer.Fit(trainRows, width, Enumerable.Range(0, width).ToArray());
        standardizer.Apply(trainRows);
        standardizer.Apply(testRows);
        return new DatasetPair(
            new Dataset(DatasetName + "/train", trainRows, [width], trainLabels, classNames, featureNames),
            new Dataset(DatasetName + "/test", testRows, [width], testLabels, classNames, featureNames));
    }

    /// <summary>Window mode's split: the last <c>round(f·n)</c> kept rows of each file are test rows.</summary>
    private static (int[] Train, int[] Test) TemporalLengths(FlowTable table, double testFraction)
    {
        int files = table.KeptPerFile.Count;
        var trainLengths = new int[files];
        var testLengths = new int[files];
        for (int f = 0; f < files; f++)
        {
            int n = table.KeptPerFile[f];
            testLengths[f] = (int)Math.Round(testFraction * n, MidpointRounding.AwayFromZero);
            trainLengths[f] = n - testLengths[f];
        }

        return (trainLengths, testLengths);
    }

    private static bool[] TemporalTestMask(FlowTable table, double testFraction)
    {
        var (trainLengths, testLengths) = TemporalLengths(table, testFraction);
        var test = new bool[table.Count];
        int start = 0;
        for (int f = 0; f < trainLengths.Length; f++)
        {
            start += trainLengths[f];
            test.AsSpan(start, testLengths[f]).Fill(true);
            start += testLengths[f];
        }

        return test;
    }

    private static DatasetPair BuildWindows(FlowTable table, int[] labels, string[] classNames, CicDdosOptions options, int length)
    {
        int width = table.Width;
        int files = table.KeptPerFile.Count;
        var (trainLengths, testLengths) = TemporalLengths(table, options.TestFraction);

        // Rows are in file order; regroup them as all train segments, then all test segments.
        int trainCount = trainLengths.Sum();
        var trainRows = new float[trainCount * width];
        var testRows = new float[(labels.Length - trainCount) * width];
        var trainLabels = new int[trainCount];
        var testLabels = new int[labels.Length - trainCount];
        var values = table.Values;
        int start = 0, tr = 0, te = 0;
        for (int f = 0; f < files; f++)
        {
            values.Slice(start * width, trainLengths[f] * width).CopyTo(trainRows.AsSpan(tr * width));
            labels.AsSpan(start, trainLengths[f]).CopyTo(trainLabels.AsSpan(tr));
            tr += trainLengths[f];
            start += trainLengths[f];
            values.Slice(start * width, testLengths[f] * width).CopyTo(testRows.AsSpan(te * width));
            labels.AsSpan(start, testLengths[f]).CopyTo(testLabels.AsSpan(te));
            te += testLengths[f];
            start += testLengths[f];
        }

        var standardizer = Standardizer.Fit(trainRows, width, Enumerable.Range(0, width).ToArray());
        standardizer.Apply(trainRows);
        standardizer.Apply(testRows);
        var train = SequenceWindows.Build(trainRows, width, trainLabels, trainLengths, length, options.WindowStride);
        var test = SequenceWindows.Build(testRows, width, testLabels, testLengths, length, options.WindowStride);
        return new DatasetPair(
            new Dataset(DatasetName + "/train", train.Features, [length, width], train.Labels, classNames),
            new Dataset(DatasetName + "/test", test.Features, [length, width], test.Labels, classNames));
    }
}
