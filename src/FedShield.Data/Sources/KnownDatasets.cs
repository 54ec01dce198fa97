namespace FedShield.Data.Sources;

/// <summary>Where the tabular and flow datasets come from, with the SHA-256 of the published files.</summary>
public static class KnownDatasets
{
    private const string UciAdult = "https://archive.ics.uci.edu/ml/machine-learning-databases/adult/";

    /// <summary>UCI Adult: <c>adult.data</c> and <c>adult.test</c>, downloadable from the UCI repository.</summary>
    public static DatasetDescriptor Adult { get; } = new(
        "adult",
        "adult",
        [
            new DatasetFile("adult.data", "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d", Urls: [new Uri(UciAdult + "adult.data")]),
            new DatasetFile("adult.test", "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05", Urls: [new Uri(UciAdult + "adult.test")]),
        ],
        ManualInstructions: "Download adult.data and adult.test from https://archive.ics.uci.edu/dataset/2/adult (Becker and Kohavi 1996, CC BY 4.0) into one folder.");

    /// <summary>NSL-KDD: <c>KDDTrain+.txt</c> and <c>KDDTest+.txt</c>. UNB distributes it after a registration form, so it is not downloaded automatically.</summary>
    public static DatasetDescriptor NslKdd { get; } = new(
        "nsl-kdd",
        "nsl-kdd",
        [
            new DatasetFile("KDDTrain+.txt", "1b86d2f957b33082081bba410fe129b475efebcc13c9014c3f447c8271aadf95"),
            new DatasetFile("KDDTest+.txt", "fa46b0935342616aa83b7c2578db355b6a7aaabbc492248172c7a1e8b7ab8f84"),
        ],
        ManualInstructions: "Request NSL-KDD from https://www.unb.ca/cic/datasets/nsl.html (Tavallaee et al., IEEE CISDA 2009) and put KDDTrain+.txt and KDDTest+.txt into one folder.");

    /// <summary>CIC-DDoS2019 CICFlowMeter CSV exports: any set of <c>.csv</c> files below one folder (the full data set is about 30 GB, distributed by UNB).</summary>
    public static DatasetDescriptor CicDdos2019 { get; } = new(
        "cic-ddos2019",
        "cic-ddos2019",
        [],
        AnyFilePattern: "*.csv",
        ManualInstructions: "Download the CSV-01-12/CSV-03-11 exports from https://www.unb.ca/cic/datasets/ddos-2019.html (Sharafaldin et al., IEEE ICCST 2019) and put the .csv files (or a subset) below one folder.",
        AlternativeFolders: ["cic-ddos2019-sample"]);

    /// <summary>
    /// Verifies every file of <paramref name="dataset"/> that has a published SHA-256 and is present in
    /// <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="DataFormatException">A file's checksum differs from the published one.</exception>
    public static void Verify(DatasetDescriptor dataset, string directory)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        foreach (var file in dataset.Files)
        {
            string path = Path.Combine(directory, file.Name);
            if (file.Sha256 is not null && File.Exists(path))
            {
                Checksum.Require(path, "SHA-256 of the whole file", file.Sha256, Checksum.Sha256OfFile(path));
            }
        }
    }
}
