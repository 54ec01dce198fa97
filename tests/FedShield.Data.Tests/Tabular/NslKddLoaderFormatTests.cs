using System.Globalization;
using FedShield.Data.Tabular;

namespace FedShield.Data.Tests.Tabular;

/// <summary>NSL-KDD loader on small hand-written files: exact encodings and format errors.</summary>
public class NslKddLoaderFormatTests
{
    private const string TrainName = "KDDTrain+.txt";
    private const string TestName = "KDDTest+.txt";

    // A record: the 41 features (all numeric ones 0 but src_bytes), the attack name and the difficulty.
    private static string Line(string protocol, string service, string flag, string srcBytes, string attack, string difficulty = "20") =>
        string.Join(',', ["0", protocol, service, flag, srcBytes, .. Enumerable.Repeat("0", 36), attack, difficulty]);

    private static string Write(TempDirectory dir, params string[] test)
    {
        string e1 = (Math.E - 1).ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllLines(dir.File(TrainName), [Line("tcp", "http", "SF", "0", "normal"), "", Line("udp", "private", "S0", e1, "neptune", "5")]);
        File.WriteAllLines(dir.File(TestName), test);
        return dir.Path;
    }

    [Fact]
    public void Load_SmallFiles_LogScalesStandardisesAndOneHotsWithTrainingVocabulary()
    {
        using var dir = new TempDirectory();
        string e2 = (Math.Exp(2) - 1).ToString("R", CultureInfo.InvariantCulture);
        var data = NslKddLoader.Load(Write(dir, Line("icmp", "http", "REJ", e2, "smurf", "0")), new NslKddOptions { Labels = NslKddLabels.Category });

        var names = data.Train.FeatureNames!;
        Assert.Equal(1 + 2 + 2 + 2 + 37, data.Train.SampleSize);
        Assert.Equal(["duration", "protocol_type=tcp", "protocol_type=udp", "service=http", "service=private", "flag=SF", "flag=S0", "src_bytes", "dst_bytes"], names.Take(9));
        Assert.Equal("nsl-kdd/train", data.Train.Name);
        Assert.Equal("nsl-kdd/test", data.Test.Name);

        // src_bytes log1p: 0 and 1 in training (mean 0.5, std 0.5) and 2 in the test row (→ 3).
        // Constant columns standardise to 0; unseen icmp and REJ give all-zero groups.
        var expected1 = new float[44];
        expected1[1] = 1;
        expected1[3] = 1;
        expected1[5] = 1;
        expected1[7] = -1;
        Assert.Equal(expected1, data.Train.Sample(0).ToArray());
        Assert.Equal(1f, data.Train.Sample(1)[7], 5);
        Assert.Equal([0f, 0f, 1f, 0f, 1f, 0f, 1f], data.Train.Sample(1)[..7].ToArray());
        var test = data.Test.Sample(0).ToArray();
        Assert.Equal(3f, test[7], 5);
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f, 0f], test[..7]);
        Assert.All(test[8..], v => Assert.Equal(0f, v));

        Assert.Equal([NslKddCategories.Normal, NslKddCategories.DoS], data.Train.Labels.ToArray());
        Assert.Equal([NslKddCategories.DoS], data.Test.Labels.ToArray());
        Assert.Equal(["normal", "neptune"], data.TrainAttacks);
        Assert.Equal(["smurf"], data.TestAttacks);
        Assert.Equal([20, 5], data.TrainDifficulty.ToArray());
        Assert.Equal([0], data.TestDifficulty.ToArray());
    }

    [Fact]
    public void Load_BinaryLabels_AreZeroForNormalOnly()
    {
        using var dir = new TempDirectory();
        var data = NslKddLoader.Load(Write(dir, Line("tcp", "http", "SF", "1", "normal"), Line("tcp", "http", "SF", "1", "buffer_overflow")));
        Assert.Equal([0, 1], data.Train.Labels.ToArray());
        Assert.Equal([0, 1], data.Test.Labels.ToArray());
    }

    [Fact]
    public void Load_WrongFieldCount_ThrowsNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, Line("tcp", "http", "SF", "1", "normal"), Line("tcp", "http", "SF", "1", "normal")[2..]);
        var e = Assert.Throws<DataFormatException>(() => NslKddLoader.Load(path));
        Assert.Equal(dir.File(TestName), e.File);
        Assert.Equal("line 2", e.Position);
        Assert.Contains("found 42 fields", e.Problem, StringComparison.Ordinal);
        Assert.Contains("expected 43", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownAttack_ThrowsNamingFileLineAndName()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "", Line("tcp", "http", "SF", "1", "teleport"));
        var e = Assert.Throws<DataFormatException>(() => NslKddLoader.Load(path));
        Assert.Equal(dir.File(TestName), e.File);
        Assert.Equal("line 2", e.Position);
        Assert.Contains("'teleport'", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12abc", "src_bytes is '12abc'")]
    [InlineData("-3", "src_bytes is -3, expected a number >= 0")]
    [InlineData("NaN", "src_bytes is 'NaN'")]
    public void Load_BadNumber_ThrowsNamingFeature(string value, string expected)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, Line("tcp", "http", "SF", value, "normal"));
        var e = Assert.Throws<DataFormatException>(() => NslKddLoader.Load(path));
        Assert.Equal("line 1", e.Position);
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("22")]
    [InlineData("-1")]
    [InlineData("hard")]
    public void Load_DifficultyOutsideZeroTo21_Throws(string difficulty)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, Line("tcp", "http", "SF", "1", "normal", difficulty));
        var e = Assert.Throws<DataFormatException>(() => NslKddLoader.Load(path));
        Assert.Contains($"difficulty level is '{difficulty}', expected an integer in [0, 21]", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BlankFileNameOrUndefinedLabels_Throw()
    {
        Assert.Throws<ArgumentException>(() => new NslKddOptions { TrainFile = " " });
        Assert.Throws<ArgumentException>(() => new NslKddOptions { TestFile = "" });
        Assert.Throws<ArgumentOutOfRangeException>(() => new NslKddOptions { Labels = (NslKddLabels)2 });
        var defaults = new NslKddOptions();
        Assert.Equal((NslKddLabels.Binary, "KDDTrain+.txt", "KDDTest+.txt"), (defaults.Labels, defaults.TrainFile, defaults.TestFile));
    }
}
