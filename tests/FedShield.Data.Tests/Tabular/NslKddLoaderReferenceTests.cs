using FedShield.Data.Tabular;

namespace FedShield.Data.Tests.Tabular;

/// <summary>NSL-KDD loader on the real files of FEDSHIELD_DATA_DIR/nsl-kdd (counts from its README and measured).</summary>
public class NslKddLoaderReferenceTests
{
    private static readonly Lazy<NslKddData> Categories = new(() => NslKddLoader.Load(Folder, new NslKddOptions { Labels = NslKddLabels.Category }));

    private static string Folder => ReferenceData.Folder("nsl-kdd");

    [ReferenceDataFact]
    public void Files_MatchPublishedChecksums()
    {
        TabularAssert.Sha256(Path.Combine(Folder, "KDDTrain+.txt"), "1b86d2f957b33082081bba410fe129b475efebcc13c9014c3f447c8271aadf95");
        TabularAssert.Sha256(Path.Combine(Folder, "KDDTest+.txt"), "fa46b0935342616aa83b7c2578db355b6a7aaabbc492248172c7a1e8b7ab8f84");
        TabularAssert.Sha256(Path.Combine(Folder, "KDDTrain+_20Percent.txt"), "7ea86479faab5ca2190b7f18b4982fb058ce5bf2b46e0e1017d0d9ef90f9c16e");
    }

    [ReferenceDataFact]
    public void Load_Category_HasReadmeRowAndCategoryCounts()
    {
        var data = Categories.Value;
        Assert.Equal(125_973, data.Train.Count);
        Assert.Equal(22_544, data.Test.Count);
        Assert.Equal(["normal", "DoS", "Probe", "R2L", "U2R"], data.Train.ClassNames);
        // normal and DoS from the README; the test counts equal those most papers quote (worm = R2L, httptunnel = U2R).
        Assert.Equal([67_343, 45_927, 11_656, 995, 52], data.Train.ClassCounts());
        Assert.Equal([9_711, 7_458, 2_421, 2_754, 200], data.Test.ClassCounts());
        Assert.Equal(data.Train.Count, data.Train.ClassCounts().Sum());
        Assert.Equal(data.Test.Count, data.Test.ClassCounts().Sum());
        Assert.Equal(41_214, data.TrainAttacks.Count(a => a == "neptune"));
    }

    [ReferenceDataFact]
    public void Load_Binary_SplitsNormalFromAllAttacks()
    {
        var data = NslKddLoader.Load(Folder);
        Assert.Equal(["normal", "attack"], data.Train.ClassNames);
        Assert.Equal([67_343, 125_973 - 67_343], data.Train.ClassCounts());
        Assert.Equal([9_711, 22_544 - 9_711], data.Test.ClassCounts());
        Assert.True(data.Train.Features.Span.SequenceEqual(Categories.Value.Train.Features.Span));
    }

    [ReferenceDataFact]
    public void Load_Labels_AreTheCategoriesOfTheRawAttackNames()
    {
        var data = Categories.Value;
        Assert.Equal(data.Train.Count, data.TrainAttacks.Count);
        Assert.Equal(data.Test.Count, data.TestAttacks.Count);
        for (int i = 0; i < data.Train.Count; i++)
        {
            Assert.Equal(NslKddCategories.CategoryOf(data.TrainAttacks[i]), data.Train.Label(i));
        }

        for (int i = 0; i < data.Test.Count; i++)
        {
            Assert.Equal(NslKddCategories.CategoryOf(data.TestAttacks[i]), data.Test.Label(i));
        }
    }

    [ReferenceDataFact]
    public void Load_Difficulty_IsKeptApartWithinZeroTo21()
    {
        var data = Categories.Value;
        Assert.Equal(data.Train.Count, data.TrainDifficulty.Length);
        Assert.Equal(data.Test.Count, data.TestDifficulty.Length);
        Assert.All(data.TrainDifficulty.ToArray(), d => Assert.InRange(d, 0, 21));
        Assert.All(data.TestDifficulty.ToArray(), d => Assert.InRange(d, 0, 21));
        // The first two lines of KDDTrain+ end in 20 and 15.
        Assert.Equal([20, 15], data.TrainDifficulty[..2].ToArray());
    }

    [ReferenceDataFact]
    public void Load_Features_Are122WithStandardNamesInFileOrder()
    {
        var names = Categories.Value.Train.FeatureNames!;
        Assert.Equal(122, Categories.Value.Train.SampleSize);
        Assert.Equal([122], Categories.Value.Test.SampleShape.ToArray());
        Assert.Equal(3, TabularAssert.CountPrefix(names, "protocol_type="));
        Assert.Equal(70, TabularAssert.CountPrefix(names, "service="));
        Assert.Equal(11, TabularAssert.CountPrefix(names, "flag="));
        Assert.Equal(["duration", "protocol_type=tcp", "protocol_type=udp", "protocol_type=icmp", "service=ftp_data"], names.Take(5));
        Assert.Equal(["flag=OTH", "src_bytes", "dst_bytes", "land"], names.Skip(84).Take(4));
        Assert.Equal("dst_host_srv_rerror_rate", names[^1]);
        Assert.Equal(38, names.Count(n => !n.Contains('=', StringComparison.Ordinal)));
    }

    [ReferenceDataFact]
    public void Load_TrainingColumns_AreStandardisedAndOneHot()
    {
        // num_outbound_cmds is 0 in every record: it standardises to a constant 0.
        TabularAssert.NumericColumnsStandardised(Categories.Value.Train, "num_outbound_cmds");
        TabularAssert.OneHotGroupsSumToOne(Categories.Value.Train);
    }

    [ReferenceDataFact]
    public void Load_TwentyPercentFile_IsTheFullFilesHead()
    {
        var small = NslKddLoader.Load(Folder, new NslKddOptions { TrainFile = "KDDTrain+_20Percent.txt" });
        Assert.Equal(25_192, small.Train.Count);
        Assert.Equal(Categories.Value.TrainAttacks.Take(25_192), small.TrainAttacks);
        Assert.Equal(Categories.Value.TrainDifficulty[..25_192].ToArray(), small.TrainDifficulty.ToArray());
        // Four services of the full file do not occur in its first 25,192 records.
        Assert.Equal(118, small.Train.SampleSize);
        Assert.Equal(22_544, small.Test.Count);
    }
}
