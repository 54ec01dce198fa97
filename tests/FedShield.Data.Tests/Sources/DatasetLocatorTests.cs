using FedShield.Data.Sources;
using FedShield.Data.Tests.Vision;

namespace FedShield.Data.Tests.Sources;

public class DatasetLocatorTests
{
    private static readonly byte[] ContentA = "alpha,1\n"u8.ToArray();
    private static readonly byte[] ContentB = "beta,2\n"u8.ToArray();

    private static DatasetDescriptor Toy(string? systemLocation = null) => new(
        "toy",
        "toy",
        [
            new DatasetFile("a.csv", Checksum.Sha256(ContentA), Urls: [new Uri("https://mirror1.example/a.csv"), new Uri("https://mirror2.example/a.csv")]),
            new DatasetFile("b.csv", Checksum.Sha256(ContentB), Urls: [new Uri("https://mirror1.example/b.csv")]),
        ],
        SystemLocations: systemLocation is null ? null : [systemLocation],
        ManualInstructions: "Fetch a.csv and b.csv from the toy archive.");

    private static void WriteToy(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "a.csv"), ContentA);
        File.WriteAllBytes(Path.Combine(folder, "b.csv"), ContentB);
    }

    [Fact]
    public void Resolve_ExplicitFolderHoldingTheFiles_IsReturned()
    {
        using var dir = new TempDirectory();
        WriteToy(dir.File("mine"));
        var locator = new DatasetLocator(new DatasetLocatorOptions());
        Assert.Equal(Path.GetFullPath(dir.File("mine")), locator.Resolve(Toy(), dir.File("mine")));
    }

    [Fact]
    public void Resolve_ExplicitFolderMissingAFile_FailsWithoutLookingElsewhere()
    {
        using var dir = new TempDirectory();
        WriteToy(dir.File("root/toy"));
        Directory.CreateDirectory(dir.File("mine"));
        File.WriteAllBytes(dir.File("mine/a.csv"), ContentA);
        var locator = new DatasetLocator(new DatasetLocatorOptions(DataDirectory: dir.File("root")));
        var e = Assert.Throws<DatasetNotFoundException>(() => locator.Resolve(Toy(), dir.File("mine")));
        Assert.Contains($"the folder given: {dir.File("mine")}: missing b.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("Fetch a.csv and b.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DataDirectoryComesBeforeTheCache()
    {
        using var dir = new TempDirectory();
        WriteToy(dir.File("data/toy"));
        WriteToy(dir.File("cache/toy"));
        var locator = new DatasetLocator(new DatasetLocatorOptions(dir.File("data"), dir.File("cache")));
        Assert.Equal(Path.GetFullPath(dir.File("data/toy")), locator.Resolve(Toy()));
    }

    [Fact]
    public void Resolve_CacheThenSystemLocation()
    {
        using var dir = new TempDirectory();
        WriteToy(dir.File("system"));
        var locator = new DatasetLocator(new DatasetLocatorOptions(dir.File("data"), dir.File("cache"), AllowDownload: false));
        Assert.Equal(Path.GetFullPath(dir.File("system")), locator.Resolve(Toy(dir.File("system"))));
        WriteToy(dir.File("cache/toy"));
        Assert.Equal(Path.GetFullPath(dir.File("cache/toy")), locator.Resolve(Toy(dir.File("system"))));
    }

    [Fact]
    public void Resolve_Offline_ListsEveryPlaceAndHowToProvideTheFiles()
    {
        using var dir = new TempDirectory();
        var locator = new DatasetLocator(new DatasetLocatorOptions(null, dir.File("cache"), AllowDownload: false));
        var e = Assert.Throws<DatasetNotFoundException>(() => locator.Resolve(Toy(dir.File("sys"))));
        Assert.Equal("toy", e.Dataset);
        Assert.Contains("FEDSHIELD_DATA_DIR: not set", e.Message, StringComparison.Ordinal);
        Assert.Contains($"user cache: {dir.File("cache/toy")}: no such folder", e.Message, StringComparison.Ordinal);
        Assert.Contains($"system location: {dir.File("sys")}: no such folder", e.Message, StringComparison.Ordinal);
        Assert.Contains("downloads are disabled (FEDSHIELD_OFFLINE=1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("--dir", e.Message, StringComparison.Ordinal);
        Assert.Contains("Fetch a.csv and b.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Download_VerifiesFallsBackToTheNextMirrorAndRenamesIntoTheCache()
    {
        using var dir = new TempDirectory();
        var http = new FakeHttpHandler();
        http.Serve("https://mirror2.example/a.csv", ContentA);
        http.Serve("https://mirror1.example/b.csv", ContentB);
        var log = new StringWriter();
        using var client = new HttpClient(http);
        var locator = new DatasetLocator(new DatasetLocatorOptions(null, dir.File("cache")), client, log);
        string folder = locator.Resolve(Toy());
        Assert.Equal(dir.File("cache/toy"), folder);
        Assert.Equal(ContentA, File.ReadAllBytes(Path.Combine(folder, "a.csv")));
        Assert.Equal(ContentB, File.ReadAllBytes(Path.Combine(folder, "b.csv")));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        Assert.Equal(["https://mirror1.example/a.csv", "https://mirror2.example/a.csv", "https://mirror1.example/b.csv"], http.Requests);
        Assert.Contains("verified", log.ToString(), StringComparison.Ordinal);

        // A second resolution finds the cached copy without any request.
        http.Requests.Clear();
        Assert.Equal(Path.GetFullPath(folder), locator.Resolve(Toy()));
        Assert.Empty(http.Requests);
    }

    [Fact]
    public void Resolve_DownloadWithWrongChecksum_LeavesNothingAndSaysWhy()
    {
        using var dir = new TempDirectory();
        var http = new FakeHttpHandler();
        http.Serve("https://mirror1.example/a.csv", "tampered\n"u8.ToArray());
        using var client = new HttpClient(http);
        var locator = new DatasetLocator(new DatasetLocatorOptions(null, dir.File("cache")), client);
        var e = Assert.Throws<DatasetNotFoundException>(() => locator.Resolve(Toy()));
        Assert.Contains("https://mirror1.example/a.csv: https://mirror1.example/a.csv: SHA-256 of the download: checksum", e.Message, StringComparison.Ordinal);
        Assert.Contains($"does not match the published {Checksum.Sha256(ContentA)}", e.Message, StringComparison.Ordinal);
        Assert.Contains("https://mirror2.example/a.csv: Response status code does not indicate success: 404", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("cache/toy")), "a failed download leaves no folder and no partial file behind");
    }

    [Fact]
    public void Resolve_RecompressedDownload_IsVerifiedByItsDecompressedContent()
    {
        using var dir = new TempDirectory();
        var raw = IdxWriter.Encode([3], [1, 2, 3]);
        var descriptor = new DatasetDescriptor("idx", "idx", [new DatasetFile("x.gz", null, Checksum.Sha256(raw), [new Uri("https://m.example/x.gz")])]);
        var http = new FakeHttpHandler();
        http.Serve("https://m.example/x.gz", IdxWriter.Gzip(raw));
        using var client = new HttpClient(http);
        string folder = new DatasetLocator(new DatasetLocatorOptions(null, dir.File("cache")), client).Resolve(descriptor);
        Assert.Equal([1, 2, 3], FedShield.Data.Vision.IdxReader.Read(Path.Combine(folder, "x.gz"), 1, Checksum.Sha256(raw)).Data);
    }

    [Fact]
    public void Resolve_AnyFilePattern_AcceptsAFolderWithOneMatchingFileBelowIt()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("data/flows-sample/day1"));
        File.WriteAllText(dir.File("data/flows-sample/day1/x.csv"), "a\n");
        var descriptor = new DatasetDescriptor("flows", "flows", [], AnyFilePattern: "*.csv", AlternativeFolders: ["flows-sample"]);
        var locator = new DatasetLocator(new DatasetLocatorOptions(dir.File("data")));
        Assert.Equal(Path.GetFullPath(dir.File("data/flows-sample")), locator.Resolve(descriptor));
    }
}
