using FedShield.Data.Flows;
using FedShield.Data.Sources;
using FedShield.Data.Synthetic;
using FedShield.Data.Tabular;
using FedShield.Data.Vision;

namespace FedShield.Data;

/// <summary>
/// The datasets FedShield knows by name, each with its default encoding. Loading one resolves its files with
/// a <see cref="DatasetLocator"/> (explicit folder, <c>FEDSHIELD_DATA_DIR</c>, user cache, system locations,
/// verified download), verifies published checksums and runs its loader.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Every known dataset, files first, then the generated ones.</summary>
    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new("mnist", "MNIST handwritten digits: (1, 28, 28) images normalised with mean 0.1307, std 0.3081; 10 classes; 60,000 train / 10,000 test.", MnistLoader.Descriptor(MnistVariant.Mnist),
            (dir, s) => MnistLoader.Load(dir!, MnistVariant.Mnist, new MnistOptions(VerifyChecksums: s.VerifyChecksums))),
        new("fashion-mnist", "Fashion-MNIST clothing images: (1, 28, 28) normalised with mean 0.2860, std 0.3530; 10 classes; 60,000 train / 10,000 test.", MnistLoader.Descriptor(MnistVariant.FashionMnist),
            (dir, s) => MnistLoader.Load(dir!, MnistVariant.FashionMnist, new MnistOptions(VerifyChecksums: s.VerifyChecksums))),
        new("cifar10", "CIFAR-10 binary batches: (3, 32, 32) images normalised per channel; 10 classes; 50,000 train / 10,000 test.", CifarLoader.Descriptor,
            (dir, _) => CifarLoader.Load(dir!)),
        new("adult", "UCI Adult census income: 105 features (one-hot categorical, standardised numeric), missing values imputed; label >50K; 32,561 train / 16,281 test.", KnownDatasets.Adult,
            (dir, s) => Verified(KnownDatasets.Adult, dir!, s, () => AdultLoader.Load(dir!))),
        new("nsl-kdd", "NSL-KDD intrusion records: 122 features (one-hot protocol/service/flag, log-scaled standardised numeric); normal vs attack; 125,973 train / 22,544 test.", KnownDatasets.NslKdd,
            (dir, s) => Verified(KnownDatasets.NslKdd, dir!, s, () => NslKddLoader.Load(dir!).Pair)),
        new("cic-ddos2019", "CIC-DDoS2019 CICFlowMeter flows: 81 standardised features after cleaning and de-duplication; benign vs attack; stratified 80/20 split.", KnownDatasets.CicDdos2019,
            (dir, s) => CicDdosLoader.Load(dir!, new CicDdosOptions(seed: s.Seed)).Pair),
        new("gaussian-mixture", "Synthetic Gaussian mixture: 20 features, 10 classes, 500 train / 100 test per class; no files needed.", null,
            (_, s) => GaussianMixture.Generate(new GaussianMixtureOptions(seed: s.Seed))),
        new("synthetic-flows", "Synthetic flow-like traffic (benign, syn-flood, udp-lag sessions): 10 features; 6,000 train / 2,000 test flows; no files needed.", null,
            (_, s) => SyntheticFlows.Generate(new SyntheticFlowOptions(seed: s.Seed))),
    ];

    /// <summary>The names of all known datasets.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>The entry named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No dataset has that name; the message lists the known names.</exception>
    public static CatalogEntry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown dataset '{name}'; known datasets: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Finds, verifies and loads the dataset named <paramref name="name"/>.</summary>
    /// <param name="name">A catalog name.</param>
    /// <param name="locator">Resolves the dataset's folder.</param>
    /// <param name="directory">A folder the user named explicitly, or null to search.</param>
    /// <param name="settings">Seed and checksum verification; null for the defaults.</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="DatasetNotFoundException">The files are nowhere to be found.</exception>
    /// <exception cref="DataFormatException">A file is damaged or fails its checksum.</exception>
    public static LoadedDataset Load(string name, DatasetLocator locator, string? directory = null, DatasetLoadSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(locator);
        var entry = Find(name);
        settings ??= new DatasetLoadSettings();
        if (entry.Source is null)
        {
            return new LoadedDataset(entry, entry.Load(null, settings), $"generated (seed {settings.Seed})");
        }

        string folder = locator.Resolve(entry.Source, directory);
        return new LoadedDataset(entry, entry.Load(folder, settings), folder);
    }

    private static DatasetPair Verified(DatasetDescriptor source, string directory, DatasetLoadSettings settings, Func<DatasetPair> load)
    {
        if (settings.VerifyChecksums)
        {
            KnownDatasets.Verify(source, directory);
        }

        return load();
    }
}
