using FedShield.Data.Tabular;

namespace FedShield.Data.Tests.Tabular;

/// <summary>Adult loader on the real files of FEDSHIELD_DATA_DIR/adult (counts from its README).</summary>
public class AdultLoaderReferenceTests
{
    private static readonly Lazy<DatasetPair> Dropped = new(() => AdultLoader.Load(Folder, new AdultOptions { Missing = AdultMissingValues.Drop }));
    private static readonly Lazy<DatasetPair> Imputed = new(() => AdultLoader.Load(Folder, new AdultOptions { Missing = AdultMissingValues.Impute }));

    private static string Folder => ReferenceData.Folder("adult");

    [ReferenceDataFact]
    public void Files_MatchPublishedChecksums()
    {
        TabularAssert.Sha256(Path.Combine(Folder, "adult.data"), "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d");
        TabularAssert.Sha256(Path.Combine(Folder, "adult.test"), "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05");
    }

    [ReferenceDataFact]
    public void Load_Impute_KeepsEveryRecordWithReadmeLabelCounts()
    {
        var pair = Imputed.Value;
        Assert.Equal(32_561, pair.Train.Count);
        Assert.Equal(16_281, pair.Test.Count);
        Assert.Equal([24_720, 7_841], pair.Train.ClassCounts());
        Assert.Equal([12_435, 3_846], pair.Test.ClassCounts());
        Assert.Equal(105, pair.Train.SampleSize);
        Assert.Equal([105], pair.Test.SampleShape.ToArray());
        Assert.Contains("workclass=Never-worked", pair.Train.FeatureNames!);
    }

    [ReferenceDataFact]
    public void Load_Drop_RemovesExactlyTheRowsWithQuestionMarks()
    {
        var pair = Dropped.Value;
        Assert.Equal(32_561 - 2_399, pair.Train.Count);
        Assert.Equal(16_281 - 1_221, pair.Test.Count);
        Assert.Equal([22_654, 7_508], pair.Train.ClassCounts());
        Assert.Equal([11_360, 3_700], pair.Test.ClassCounts());
        Assert.Equal(104, pair.Train.SampleSize);
        Assert.DoesNotContain("workclass=Never-worked", pair.Train.FeatureNames!);
    }

    [ReferenceDataFact]
    public void Load_FeatureNames_FollowFileOrderWithOneHotGroupSizes()
    {
        var names = Imputed.Value.Train.FeatureNames!;
        Assert.Equal(["age", "workclass=State-gov", "workclass=Self-emp-not-inc", "workclass=Private"], names.Take(4));
        Assert.Equal("native-country=Holand-Netherlands", names[^1]);
        int[] sizes = [.. new[] { "workclass=", "education=", "marital-status=", "occupation=", "relationship=", "race=", "sex=", "native-country=" }
            .Select(p => TabularAssert.CountPrefix(names, p))];
        Assert.Equal([8, 16, 7, 14, 6, 5, 2, 41], sizes);
        Assert.Equal(Imputed.Value.Train.FeatureNames, Imputed.Value.Test.FeatureNames);
    }

    [ReferenceDataFact]
    public void Load_TrainingNumericColumns_AreStandardised()
    {
        TabularAssert.NumericColumnsStandardised(Dropped.Value.Train);
        TabularAssert.NumericColumnsStandardised(Imputed.Value.Train);
    }

    [ReferenceDataFact]
    public void Load_TrainingOneHotGroups_HoldExactlyOneCategory()
    {
        TabularAssert.OneHotGroupsSumToOne(Dropped.Value.Train);
        TabularAssert.OneHotGroupsSumToOne(Imputed.Value.Train);
    }

    [ReferenceDataFact]
    public void Load_FirstTrainingRow_EncodesAgeWithTrainingStatistics()
    {
        // Age of every adult.data record, parsed independently of the loader.
        var ages = File.ReadLines(Path.Combine(Folder, "adult.data"))
            .Where(l => l.Length > 0)
            .Select(l => double.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        double mean = ages.Average();
        double std = Math.Sqrt(ages.Select(a => (a - mean) * (a - mean)).Average());
        Assert.Equal((39 - mean) / std, Imputed.Value.Train.Sample(0)[0], 1e-5);
    }

    [ReferenceDataFact]
    public void Load_MergedImpute_SplitsAllRecords80To20PerClass()
    {
        var pair = AdultLoader.Load(Folder, new AdultOptions { Split = AdultSplit.Merged, Missing = AdultMissingValues.Impute });
        AssertStratified(pair, [24_720 + 12_435, 7_841 + 3_846]);
        Assert.Equal(39_074, pair.Train.Count);
        Assert.Equal(9_768, pair.Test.Count);
    }

    [ReferenceDataFact]
    public void Load_MergedDrop_SplitsCompleteRecords80To20PerClass()
    {
        var pair = AdultLoader.Load(Folder, new AdultOptions { Split = AdultSplit.Merged, Missing = AdultMissingValues.Drop });
        AssertStratified(pair, [22_654 + 11_360, 7_508 + 3_700]);
        Assert.Equal(36_178, pair.Train.Count);
        Assert.Equal(9_044, pair.Test.Count);
        TabularAssert.NumericColumnsStandardised(pair.Train);
        TabularAssert.OneHotGroupsSumToOne(pair.Train);
    }

    [ReferenceDataFact]
    public void Load_MergedSeed_ReproducesTheSameSplitAndChangesWithTheSeed()
    {
        var a = AdultLoader.Load(Folder, new AdultOptions { Split = AdultSplit.Merged, Seed = 5 });
        var b = AdultLoader.Load(Folder, new AdultOptions { Split = AdultSplit.Merged, Seed = 5 });
        var c = AdultLoader.Load(Folder, new AdultOptions { Split = AdultSplit.Merged, Seed = 6 });
        Assert.True(a.Train.Features.Span.SequenceEqual(b.Train.Features.Span));
        Assert.True(a.Test.Labels.Span.SequenceEqual(b.Test.Labels.Span));
        Assert.Equal(a.Train.Count, c.Train.Count);
        Assert.False(a.Test.Features.Span.SequenceEqual(c.Test.Features.Span));
    }

    private static void AssertStratified(DatasetPair pair, int[] totals)
    {
        int n = totals.Sum();
        Assert.Equal(n, pair.Train.Count + pair.Test.Count);
        Assert.Equal((int)Math.Round(0.8 * n), pair.Train.Count);
        var train = pair.Train.ClassCounts();
        var test = pair.Test.ClassCounts();
        for (int k = 0; k < totals.Length; k++)
        {
            Assert.Equal(totals[k], train[k] + test[k]);
            Assert.InRange(train[k], (0.8 * totals[k]) - 1, (0.8 * totals[k]) + 1);
        }
    }
}
