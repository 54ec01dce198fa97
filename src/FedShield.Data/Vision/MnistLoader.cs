using FedShield.Data.Sources;

namespace FedShield.Data.Vision;

/// <summary>
/// Loads MNIST and Fashion-MNIST from their four IDX files (gzip or raw): images as (N, 1, 28, 28) floats,
/// scaled to [0, 1] and normalised, labels 0..9. Train: 60,000 images; test: 10,000.
/// </summary>
public static class MnistLoader
{
    private static readonly string[] DigitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    private static readonly string[] FashionNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The files of <paramref name="variant"/>, with their published checksums and download locations.</summary>
    public static DatasetDescriptor Descriptor(MnistVariant variant) => variant switch
    {
        MnistVariant.Mnist => MnistDescriptor,
        MnistVariant.FashionMnist => FashionDescriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown MNIST variant."),
    };

    /// <summary>Loads the training and test sets of <paramref name="variant"/> from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file is damaged, has the wrong shape, or fails its checksum.</exception>
    public static DatasetPair Load(string directory, MnistVariant variant = MnistVariant.Mnist, MnistOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new MnistOptions();
        var descriptor = Descriptor(variant);
        var normalization = options.Normalization ?? (variant == MnistVariant.Mnist ? ImageNormalization.Mnist : ImageNormalization.FashionMnist);
        if (normalization.Mean.Count != 1)
        {
            throw new ArgumentException($"{descriptor.Name} images have one channel; the normalisation has {normalization.Mean.Count}.", nameof(options));
        }

        string[] names = variant == MnistVariant.Mnist ? DigitNames : FashionNames;

        // The two splits decompress independently; loading them side by side halves the wall time on 2+ cores.
        var train = Task.Run(() => LoadSplit(directory, descriptor, "train", "train", normalization, names, options.VerifyChecksums));
        var test = LoadSplit(directory, descriptor, "t10k", "test", normalization, names, options.VerifyChecksums);
        return new DatasetPair(train.GetAwaiter().GetResult(), test);
    }

    private static Dataset LoadSplit(string directory, DatasetDescriptor descriptor, string prefix, string split, ImageNormalization normalization, string[] classNames, bool verify)
    {
        var imageFile = descriptor.File($"{prefix}-images-idx3-ubyte.gz");
        var labelFile = descriptor.File($"{prefix}-labels-idx1-ubyte.gz");
        var images = IdxReader.Read(Locate(directory, imageFile.Name), 3, verify ? imageFile.ContentSha256 : null);
        var labels = IdxReader.Read(Locate(directory, labelFile.Name), 1, verify ? labelFile.ContentSha256 : null);
        if (images.Count != labels.Count)
        {
            throw new DataFormatException(labels.Path, "byte 4", $"{labels.Count} labels for the {images.Count} images of {images.Path}; expected one label per image.");
        }

        int rows = images.Dimensions[1], cols = images.Dimensions[2];
        var features = new float[images.Data.LongLength];
        var (mean, std) = normalization.ForChannel(0);
        ImageNormalization.Apply(images.Data, features, mean, std);
        var y = new int[labels.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = labels.Data[i];
            if (y[i] >= classNames.Length)
            {
                throw new DataFormatException(labels.Path, $"label {i} (decompressed byte {8 + i})", $"label {y[i]} is outside 0..{classNames.Length - 1}.");
            }
        }

        return new Dataset($"{descriptor.Name}/{split}", features, [1, rows, cols], y, classNames);
    }

    /// <summary>The file's path, accepting an already decompressed copy (name without <c>.gz</c>).</summary>
    private static string Locate(string directory, string gzName)
    {
        string gz = Path.Combine(directory, gzName);
        if (File.Exists(gz))
        {
            return gz;
        }

        string raw = Path.Combine(directory, Path.GetFileNameWithoutExtension(gzName));
        return File.Exists(raw) ? raw : gz;
    }

    private static DatasetDescriptor MnistDescriptor { get; } = new(
        "mnist",
        "mnist",
        [
            Mnist("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            Mnist("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            Mnist("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            Mnist("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        ],
        ManualInstructions: "Download the four files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (http://yann.lecun.com/exdb/mnist/ or the mirror https://ossci-datasets.s3.amazonaws.com/mnist/) into one folder.");

    private static DatasetDescriptor FashionDescriptor { get; } = new(
        "fashion-mnist",
        "fashion-mnist",
        [
            Fashion("train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            Fashion("train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            Fashion("t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            Fashion("t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        ],
        SystemLocations: ["/usr/share/datasets/fashion-mnist"],
        ManualInstructions: "On Debian or Ubuntu: apt-get install dataset-fashion-mnist. Elsewhere download the four .gz files from http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ into one folder.");

    private static DatasetFile Mnist(string name, string sha256, string contentSha256) => new(
        name,
        sha256,
        contentSha256,
        [new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/" + name), new Uri("http://yann.lecun.com/exdb/mnist/" + name)]);

    // Only the decompressed bytes' checksum is known for Fashion-MNIST (distributors recompress the files);
    // downloads are verified after decompression.
    private static DatasetFile Fashion(string name, string contentSha256) => new(
        name,
        null,
        contentSha256,
        [new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/" + name)]);
}
