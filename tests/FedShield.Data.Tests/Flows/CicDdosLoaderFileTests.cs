using FedShield.Data.Flows;
using static FedShield.Data.Tests.Flows.CicDdosFiles;

namespace FedShield.Data.Tests.Flows;

public class CicDdosLoaderFileTests
{
    // A test fraction that rounds every class of ≤ 9 rows to 0 test rows: the whole file lands in train.
    private static readonly CicDdosOptions AllTrain = new(testFraction: 0.05);

    [Fact]
    public void Load_InfinityInfEmptyAndNaN_AreReplacedAsDocumented()
    {
        using var dir = new TempDirectory();
        Write(
            dir,
            "day.csv",
            Row(0, "80", "100", "Infinity", "BENIGN"),
            Row(1, "81", "inf", "5", "BENIGN"),
            Row(2, "82", "", "-Infinity", "BENIGN"),
            Row(3, "83", "300", "+Infinity", "BENIGN", http: "ocsp.example/x"),
            Row(4, "84", "NaN", "-2", "BENIGN"));

        var data = CicDdosLoader.Load(dir.Path, AllTrain);

        // +∞ → column max finite, −∞ → column min finite, empty/NaN → 0.
        double[,] cleaned =
        {
            { 80, 100, 5 },
            { 81, 300, 5 },
            { 82, 0, -2 },
            { 83, 300, 5 },
            { 84, 0, -2 },
        };
        Assert.Equal(["Source Port", "Flow Bytes/s", "Flow Packets/s"], data.FeatureNames);
        Assert.Equal(data.FeatureNames, data.Train.FeatureNames);
        Assert.Equal(["Unnamed: 0", "Flow ID", "Source IP", "Timestamp", "SimillarHTTP"], data.Report.DroppedColumns);
        Assert.Equal(5, data.Train.Count);
        Assert.Equal(0, data.Test.Count);
        AssertClose(Standardised(cleaned), data.Train.Features.ToArray());
        Assert.Equal(4, data.Report.InfiniteValuesReplaced);
        Assert.Equal(2, data.Report.EmptyOrNaNValuesReplaced);
        Assert.Equal(["benign", "attack"], data.Train.ClassNames);
    }

    [Fact]
    public void Load_RepeatedKeyAcrossFiles_KeepsFirstInOrdinalPathOrder()
    {
        using var dir = new TempDirectory();
        Write(dir, "sub/b.csv", Row(1, "99", "7", "7", "BENIGN"), Row(2, "80", "1", "2", "BENIGN"), Row(3, "81", "9", "9", "BENIGN"));
        Write(dir, "a.csv", Row(0, "80", "1", "2", "BENIGN"), Row(1, "81", "3", "4", "BENIGN"));

        var data = CicDdosLoader.Load(dir.Path, AllTrain);

        // a.csv first: keys 0, 1; then sub/b.csv: key 1 again (dropped), key 2 (same features and label as
        // key 0: kept, counted), key 3.
        double[,] cleaned = { { 80, 1, 2 }, { 81, 3, 4 }, { 80, 1, 2 }, { 81, 9, 9 } };
        AssertClose(Standardised(cleaned), data.Train.Features.ToArray());
        Assert.Equal(1, data.Report.DuplicateRowsRemoved);
        Assert.Equal(1, data.Report.ExactDuplicateFeatureRows);
        Assert.Equal(new Dictionary<string, int> { ["a.csv"] = 2, ["sub/b.csv"] = 3 }, data.Report.RowsReadPerFile);
        Assert.Equal(new Dictionary<string, int> { ["a.csv"] = 2, ["sub/b.csv"] = 2 }, data.Report.RowsKeptPerFile);
        Assert.Equal(new Dictionary<string, int> { ["BENIGN"] = 5 }, data.Report.RowsReadPerLabel);
        Assert.Equal(new Dictionary<string, int> { ["BENIGN"] = 4 }, data.Report.RowsKeptPerLabel);
    }

    [Fact]
    public void Load_WrongFieldCount_NamesFileAndLine()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "day.csv", Row(0, "80", "1", "2", "BENIGN"), "1,f1,10.0.0.1,81,t1,3,4,BENIGN");

        var e = Assert.Throws<DataFormatException>(() => CicDdosLoader.Load(dir.Path));

        Assert.Equal(path, e.File);
        Assert.Equal("line 3", e.Position);
        Assert.Contains("found 8 fields", e.Problem, StringComparison.Ordinal);
        Assert.Contains("expected 9", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonNumericCell_NamesColumnAndValue()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "day.csv", Row(0, "80", "1", "fast", "BENIGN"));

        var e = Assert.Throws<DataFormatException>(() => CicDdosLoader.Load(dir.Path));

        Assert.Equal(path, e.File);
        Assert.Equal("line 2", e.Position);
        Assert.Contains("column 'Flow Packets/s' holds 'fast'", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{path}: line 2: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HeaderDiffersBetweenFiles_Throws()
    {
        using var dir = new TempDirectory();
        Write(dir, "a.csv", Row(0, "80", "1", "2", "BENIGN"));
        var b = WriteRaw(dir, "b.csv", Header.Replace("Flow Bytes/s", "Flow Bits/s", StringComparison.Ordinal), Row(1, "80", "1", "2", "BENIGN"));

        var e = Assert.Throws<DataFormatException>(() => CicDdosLoader.Load(dir.Path));

        Assert.Equal(b, e.File);
        Assert.Equal("line 1", e.Position);
        Assert.Contains("column 6 is 'Flow Bits/s'; expected 'Flow Bytes/s'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LabelColumnSpelledLowerCase_IsTheSameHeader()
    {
        using var dir = new TempDirectory();
        Write(dir, "a.csv", Row(0, "80", "1", "2", "BENIGN"));
        WriteRaw(dir, "b.csv", Header.Replace(" Label", "label", StringComparison.Ordinal), Row(1, "81", "1", "2", "Syn"));

        var data = CicDdosLoader.Load(dir.Path, AllTrain);

        Assert.Equal([1, 1], data.Train.ClassCounts());
    }

    [Fact]
    public void Load_HeaderWithoutKeyColumn_Throws()
    {
        using var dir = new TempDirectory();
        WriteRaw(dir, "a.csv", "Flow ID, Flow Bytes/s, Timestamp, Label", "f0,1,t0,BENIGN");

        var e = Assert.Throws<DataFormatException>(() => CicDdosLoader.Load(dir.Path));

        Assert.Equal("line 1", e.Position);
        Assert.Contains("no 'Unnamed: 0' column", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClassSelection_MatchesIgnoringCaseAndPunctuation()
    {
        using var dir = new TempDirectory();
        Write(
            dir,
            "day.csv",
            Row(0, "80", "1", "2", "UDP-lag"),
            Row(1, "81", "1", "2", "DrDoS_DNS"),
            Row(2, "82", "1", "2", "Syn"),
            Row(3, "83", "1", "2", "BENIGN"),
            Row(4, "84", "1", "2", "UDP-lag"));

        var data = CicDdosLoader.Load(dir.Path, new CicDdosOptions(CicDdosLabels.AttackType, ["udplag", "SYN", "benign"], testFraction: 0.05));

        Assert.Equal(["BENIGN", "Syn", "UDP-lag"], data.Train.ClassNames);
        Assert.Equal([2, 1, 0, 2], data.Train.Labels.ToArray());
        Assert.Equal(1, data.Report.RowsRemovedByClassSelection);
    }

    [Fact]
    public void Load_UnknownClass_ListsTheLabelsPresent()
    {
        using var dir = new TempDirectory();
        Write(dir, "day.csv", Row(0, "80", "1", "2", "Syn"), Row(1, "81", "1", "2", "BENIGN"));

        var e = Assert.Throws<ArgumentException>(() => CicDdosLoader.Load(dir.Path, new CicDdosOptions(classes: ["Syn", "UDPLag"])));

        Assert.Contains("'UDPLag'", e.Message, StringComparison.Ordinal);
        Assert.Contains("BENIGN, Syn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WindowMode_SplitsEachFileTemporallyAndLabelsWithLastFlow()
    {
        using var dir = new TempDirectory();
        Write(dir, "a.csv", Row(0, "1", "0", "0", "BENIGN"), Row(1, "2", "0", "0", "Syn"), Row(2, "3", "0", "0", "BENIGN"), Row(3, "4", "0", "0", "Syn"), Row(4, "5", "0", "0", "Syn"));
        Write(dir, "b.csv", Row(5, "6", "0", "0", "Syn"), Row(6, "7", "0", "0", "Syn"), Row(7, "8", "0", "0", "BENIGN"), Row(8, "9", "0", "0", "BENIGN"), Row(9, "10", "0", "0", "Syn"));

        var data = CicDdosLoader.Load(dir.Path, new CicDdosOptions(CicDdosLabels.AttackType, testFraction: 0.4, windowLength: 2));

        // Train rows: ports 1-3 and 6-8; test rows: ports 4-5 and 9-10. Ports are standardised with the
        // train ports' mean 4.5 and std sqrt(41.5/6); the constant columns stay 0.
        Assert.Equal([2, 3], data.Train.SampleShape.ToArray());
        Assert.Null(data.Train.FeatureNames);
        Assert.Equal(["BENIGN", "Syn"], data.Train.ClassNames);
        Assert.Equal([1, 0, 1, 0], data.Train.Labels.ToArray());
        Assert.Equal([1, 1], data.Test.Labels.ToArray());
        double std = Math.Sqrt(41.5 / 6);
        float P(double port) => (float)((port - 4.5) / std);
        AssertClose([P(1), 0, 0, P(2), 0, 0, P(2), 0, 0, P(3), 0, 0, P(6), 0, 0, P(7), 0, 0, P(7), 0, 0, P(8), 0, 0], data.Train.Features.ToArray());
        AssertClose([P(4), 0, 0, P(5), 0, 0, P(9), 0, 0, P(10), 0, 0], data.Test.Features.ToArray());
    }

    [Fact]
    public void Load_MissingOrEmptyFolder_Throws()
    {
        using var dir = new TempDirectory();
        Assert.Throws<DirectoryNotFoundException>(() => CicDdosLoader.Load(dir.File("absent")));
        Assert.Throws<ArgumentException>(() => CicDdosLoader.Load(dir.Path));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"value {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
