using FedShield.Data.Sources;

namespace FedShield.Data.Tests;

public class DatasetCatalogTests
{
    private static DatasetLocator ReferenceLocator() => new(new DatasetLocatorOptions(ReferenceData.Root, null, AllowDownload: false));

    [Fact]
    public void Find_UnknownName_ListsTheKnownDatasets()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Find("imagenet"));
        Assert.Contains("'imagenet'", e.Message, StringComparison.Ordinal);
        Assert.Contains("mnist, fashion-mnist, cifar10, adult, nsl-kdd, cic-ddos2019, gaussian-mixture, synthetic-flows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_IsCaseInsensitive()
    {
        Assert.Equal("nsl-kdd", DatasetCatalog.Find(" NSL-KDD ").Name);
    }

    [Theory]
    [InlineData("gaussian-mixture", 20, 10)]
    [InlineData("synthetic-flows", 10, 3)]
    public void Load_SyntheticDataset_NeedsNoFiles(string name, int features, int classes)
    {
        var loaded = DatasetCatalog.Load(name, new DatasetLocator(new DatasetLocatorOptions(AllowDownload: false)), settings: new DatasetLoadSettings(Seed: 3));
        Assert.Equal(features, loaded.Data.Train.SampleSize);
        Assert.Equal(classes, loaded.Data.Train.ClassCount);
        Assert.Equal("generated (seed 3)", loaded.Location);
    }

    [ReferenceDataFact]
    public void Load_ReferenceDatasets_ResolveUnderTheDataRootAndLoad()
    {
        var locator = ReferenceLocator();
        Assert.Equal(784, DatasetCatalog.Load("mnist", locator).Data.Train.SampleSize);
        Assert.Equal(105, DatasetCatalog.Load("adult", locator).Data.Train.SampleSize);
        Assert.Equal(122, DatasetCatalog.Load("nsl-kdd", locator).Data.Test.SampleSize);
        var cic = DatasetCatalog.Load("cic-ddos2019", locator);
        Assert.Equal(81, cic.Data.Train.SampleSize);
        Assert.EndsWith("cic-ddos2019-sample", cic.Location, StringComparison.Ordinal);
    }

    [ReferenceDataFact]
    public void Load_DamagedCopy_FailsItsChecksumNamingTheFile()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(ReferenceData.Folder("adult"), "adult.data"), dir.File("adult.data"));
        var test = File.ReadAllBytes(Path.Combine(ReferenceData.Folder("adult"), "adult.test"));
        int firstAge = Array.IndexOf(test, (byte)'\n') + 1; // the first record's age, after the banner line
        test[firstAge] = (byte)(test[firstAge] == (byte)'3' ? '4' : '3');
        File.WriteAllBytes(dir.File("adult.test"), test);
        var locator = new DatasetLocator(new DatasetLocatorOptions(AllowDownload: false));
        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load("adult", locator, dir.Path));
        Assert.Equal(dir.File("adult.test"), e.File);
        Assert.Equal("SHA-256 of the whole file", e.Position);
        Assert.Contains(KnownDatasets.Adult.File("adult.test").Sha256!, e.Problem, StringComparison.Ordinal);

        // Verification off: the modified copy loads (the change is inside a field, not the format).
        Assert.Equal(16_281, DatasetCatalog.Load("adult", locator, dir.Path, new DatasetLoadSettings(VerifyChecksums: false)).Data.Test.Count);
    }

    [Fact]
    public void Load_Cifar10Absent_SaysItIsNotDownloadableAndHowToGetIt()
    {
        using var dir = new TempDirectory();
        var locator = new DatasetLocator(new DatasetLocatorOptions(dir.File("data"), dir.File("cache")));
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetCatalog.Load("cifar10", locator));
        Assert.Contains("no verified download location is known", e.Message, StringComparison.Ordinal);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar.html", e.Message, StringComparison.Ordinal);
    }
}
