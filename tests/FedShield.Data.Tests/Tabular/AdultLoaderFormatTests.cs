using FedShield.Data.Tabular;

namespace FedShield.Data.Tests.Tabular;

/// <summary>Adult loader on small hand-written files: exact encodings, missing values, format errors.</summary>
public class AdultLoaderFormatTests
{
    private const string Row1 = "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K";
    private const string Row2 = "50, Private, 83311, HS-grad, 9, Married-civ-spouse, Exec-managerial, Husband, White, Female, 0, 0, 13, Cuba, >50K";
    private const string Banner = "|1x3 Cross validator";

    private static readonly string[] ExpectedNames =
    [
        "age", "workclass=State-gov", "workclass=Private", "fnlwgt", "education=Bachelors", "education=HS-grad",
        "education-num", "marital-status=Never-married", "marital-status=Married-civ-spouse",
        "occupation=Adm-clerical", "occupation=Exec-managerial", "relationship=Not-in-family", "relationship=Husband",
        "race=White", "sex=Male", "sex=Female", "capital-gain", "capital-loss", "hours-per-week",
        "native-country=United-States", "native-country=Cuba",
    ];

    private static string Write(TempDirectory dir, string train, string test)
    {
        File.WriteAllText(dir.File(AdultLoader.TrainFile), train);
        File.WriteAllText(dir.File(AdultLoader.TestFile), test);
        return dir.Path;
    }

    [Fact]
    public void Load_TwoTrainingRows_EncodesOneHotAndStandardisedNumbersExactly()
    {
        using var dir = new TempDirectory();
        // The test row has categories unseen in training (Masters, Black, Mexico): all-zero groups.
        string test = $"{Banner}\n25, Private, 83311, Masters, 11, Never-married, Adm-clerical, Husband, Black, Male, 0, 0, 40, Mexico, >50K.\n\n";
        var pair = AdultLoader.Load(Write(dir, $"{Row1}\n{Row2}\n\n", test));

        Assert.Equal(ExpectedNames, pair.Train.FeatureNames);
        Assert.Equal([21], pair.Train.SampleShape.ToArray());
        Assert.Equal(["<=50K", ">50K"], pair.Train.ClassNames);
        Assert.Equal("adult/train", pair.Train.Name);
        Assert.Equal("adult/test", pair.Test.Name);
        Assert.Equal([0, 1], pair.Train.Labels.ToArray());
        Assert.Equal([1], pair.Test.Labels.ToArray());

        // Two training rows: every varying numeric column standardises to -1 / +1, a constant one to 0.
        float[] row1 = [-1, 1, 0, -1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0];
        float[] row2 = [1, 0, 1, 1, 0, 1, -1, 0, 1, 0, 1, 0, 1, 1, 0, 1, -1, 0, -1, 0, 1];
        Assert.Equal(row1, pair.Train.Sample(0).ToArray());
        Assert.Equal(row2, pair.Train.Sample(1).ToArray());

        // age: mean 44.5, std 5.5; fnlwgt 83311 is the larger training value; education-num 11 is the mean.
        float[] testRow = [(float)((25 - 44.5) / 5.5), 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, -1, 0, 1, 0, 0];
        Assert.Equal(testRow, pair.Test.Sample(0).ToArray());
    }

    [Fact]
    public void Load_DropMissing_RemovesRowsWithQuestionMarks()
    {
        using var dir = new TempDirectory();
        string withMissing = "61, ?, 90000, HS-grad, 9, Widowed, ?, Unmarried, Other, Female, 0, 0, 20, ?, <=50K";
        var pair = AdultLoader.Load(Write(dir, $"{Row1}\n{withMissing}\n{Row2}\n", $"{Banner}\n{withMissing}.\n{Row2}.\n"), new AdultOptions { Missing = AdultMissingValues.Drop });

        Assert.Equal(2, pair.Train.Count);
        Assert.Equal(1, pair.Test.Count);
        Assert.Equal(ExpectedNames, pair.Train.FeatureNames);
        Assert.DoesNotContain(pair.Train.FeatureNames!, n => n.Contains('?', StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Impute_FillsCategoriesWithTrainingModeAndNumbersWithTrainingMean()
    {
        using var dir = new TempDirectory();
        string train = string.Join('\n',
            "30, Private, 100, HS-grad, 9, Divorced, Sales, Unmarried, White, Male, 0, 0, 40, Peru, <=50K",
            "40, Private, 200, HS-grad, 9, Divorced, Sales, Unmarried, White, Male, 0, 0, 40, Peru, <=50K",
            "?, ?, 300, HS-grad, 9, Divorced, Sales, Unmarried, White, Male, 0, 0, 40, Peru, >50K",
            "50, Local-gov, 400, HS-grad, 9, Divorced, Sales, Unmarried, White, Male, 0, 0, 40, Peru, >50K");
        string test = $"{Banner}\n?, ?, 250, HS-grad, 9, Divorced, Sales, Unmarried, White, Male, 0, 0, 40, Peru, <=50K.\n";
        var pair = AdultLoader.Load(Write(dir, train, test), new AdultOptions { Missing = AdultMissingValues.Impute });

        Assert.Equal(4, pair.Train.Count);
        Assert.Equal(["age", "workclass=Private", "workclass=Local-gov"], pair.Train.FeatureNames!.Take(3));
        int age = 0;
        int privateColumn = 1;
        // The missing age becomes the mean 40 of the known ones, so age has mean 40 and std sqrt(50).
        Assert.Equal(0f, pair.Train.Sample(2)[age]);
        Assert.Equal(0f, pair.Test.Sample(0)[age]);
        Assert.Equal((float)(-10 / Math.Sqrt(50)), pair.Train.Sample(0)[age]);
        // The missing workclass becomes Private (2 of the 3 known training values).
        Assert.Equal(1f, pair.Train.Sample(2)[privateColumn]);
        Assert.Equal(1f, pair.Test.Sample(0)[privateColumn]);
    }

    [Fact]
    public void Load_FourteenFields_ThrowsNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        string short14 = Row2[..Row2.LastIndexOf(',')];
        string dirPath = Write(dir, $"{Row1}\n\n{short14}\n", $"{Banner}\n{Row1}.\n");
        var e = Assert.Throws<DataFormatException>(() => AdultLoader.Load(dirPath));
        Assert.Equal(dir.File(AdultLoader.TrainFile), e.File);
        Assert.Equal("line 3", e.Position);
        Assert.Contains("found 14 fields", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 15", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownLabel_ThrowsNamingTestFileAndLine()
    {
        using var dir = new TempDirectory();
        string dirPath = Write(dir, $"{Row1}\n", $"{Banner}\n{Row2}.\n{Row1.Replace("<=50K", "maybe", StringComparison.Ordinal)}\n");
        var e = Assert.Throws<DataFormatException>(() => AdultLoader.Load(dirPath));
        Assert.Equal(dir.File(AdultLoader.TestFile), e.File);
        Assert.Equal("line 3", e.Position);
        Assert.Contains("'maybe'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("expected '<=50K' or '>50K'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnparsableNumber_ThrowsNamingAttribute()
    {
        using var dir = new TempDirectory();
        string dirPath = Write(dir, $"{Row1}\n{Row2.Replace("83311", "83311x", StringComparison.Ordinal)}\n", $"{Banner}\n{Row1}.\n");
        var e = Assert.Throws<DataFormatException>(() => AdultLoader.Load(dirPath));
        Assert.Equal("line 2", e.Position);
        Assert.Contains("fnlwgt is '83311x'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoRecords_Throws()
    {
        using var dir = new TempDirectory();
        string dirPath = Write(dir, $"{Row1}\n", $"{Banner}\n\n");
        var e = Assert.Throws<DataFormatException>(() => AdultLoader.Load(dirPath));
        Assert.Equal(dir.File(AdultLoader.TestFile), e.File);
        Assert.Contains("no records", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichAndWhere()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(AdultLoader.TrainFile), Row1);
        var e = Assert.Throws<FileNotFoundException>(() => AdultLoader.Load(dir.Path));
        Assert.Equal(dir.File(AdultLoader.TestFile), e.FileName);
        Assert.Contains("archive.ics.uci.edu", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void Options_TrainFractionOutsideOpenUnitInterval_Throws(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdultOptions { TrainFraction = fraction });
        Assert.Equal("TrainFraction", e.ParamName);
    }

    [Fact]
    public void Options_UndefinedEnumValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdultOptions { Split = (AdultSplit)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdultOptions { Missing = (AdultMissingValues)(-1) });
        var defaults = new AdultOptions();
        Assert.Equal((AdultMissingValues.Impute, AdultSplit.Official, 0.8, 0), (defaults.Missing, defaults.Split, defaults.TrainFraction, defaults.Seed));
    }
}
