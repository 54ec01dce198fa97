using FedShield.Data.Sources;

namespace FedShield.Data.Vision;

/// <summary>
/// Loads CIFAR-10 in its binary version (<c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>, <c>test_batch.bin</c>):
/// 3,073-byte records of one label byte and 3,072 pixel bytes (the red, green and blue 32×32 planes, row-major).
/// Images become (N, 3, 32, 32) floats scaled to [0, 1] and normalised per channel; train 50,000, test 10,000.
/// </summary>
public static class CifarLoader
{
    /// <summary>Bytes per record: one label and 3 × 32 × 32 pixels.</summary>
    public const int RecordLength = 1 + PixelsPerImage;

    private const int Side = 32;
    private const int PixelsPerChannel = Side * Side;
    private const int PixelsPerImage = 3 * PixelsPerChannel;
    private const string ArchiveFolder = "cifar-10-batches-bin";

    /// <summary>CIFAR-10's class names, label 0 to 9.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The six files. No SHA-256 is published for them (only an MD5 of the archive), so they are not downloaded automatically.</summary>
    public static DatasetDescriptor Descriptor { get; } = new(
        "cifar10",
        "cifar10",
        [new("data_batch_1.bin"), new("data_batch_2.bin"), new("data_batch_3.bin"), new("data_batch_4.bin"), new("data_batch_5.bin"), new("test_batch.bin")],
        ManualInstructions: "Download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html (published MD5 c32a1d4ab5d03f1284b67883e8d87530) and extract it; point at the extracted cifar-10-batches-bin folder.");

    /// <summary>Loads the training batches and the test batch from <paramref name="directory"/> (or its <c>cifar-10-batches-bin</c> subfolder).</summary>
    /// <param name="directory">The folder holding the .bin files.</param>
    /// <param name="normalization">Per-channel normalisation; null for <see cref="ImageNormalization.Cifar10"/>.</param>
    /// <exception cref="FileNotFoundException">A batch file is missing.</exception>
    /// <exception cref="DataFormatException">A file's length is not a whole number of records, or a label is not 0..9.</exception>
    public static DatasetPair Load(string directory, ImageNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string nested = Path.Combine(directory, ArchiveFolder);
        if (!File.Exists(Path.Combine(directory, "test_batch.bin")) && Directory.Exists(nested))
        {
            directory = nested;
        }

        normalization ??= ImageNormalization.Cifar10;
        var train = LoadFiles([.. Enumerable.Range(1, 5).Select(i => Path.Combine(directory, $"data_batch_{i}.bin"))], "cifar10/train", normalization);
        var test = LoadFiles([Path.Combine(directory, "test_batch.bin")], "cifar10/test", normalization);
        return new DatasetPair(train, test);
    }

    /// <summary>Loads and concatenates the records of <paramref name="files"/> into one dataset named <paramref name="name"/>.</summary>
    public static Dataset LoadFiles(IReadOnlyList<string> files, string name, ImageNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        normalization ??= ImageNormalization.Cifar10;
        if (normalization.Mean.Count is not (1 or 3))
        {
            throw new ArgumentException($"CIFAR-10 images have 3 channels; the normalisation has {normalization.Mean.Count}.", nameof(normalization));
        }

        var contents = new byte[files.Count][];
        long records = 0;
        for (int f = 0; f < files.Count; f++)
        {
            if (!File.Exists(files[f]))
            {
                throw new FileNotFoundException($"CIFAR-10 batch file not found: {files[f]}", files[f]);
            }

            contents[f] = File.ReadAllBytes(files[f]);
            long length = contents[f].LongLength;
            if (length == 0 || length % RecordLength != 0)
            {
                throw new DataFormatException(files[f], $"record {length / RecordLength} (byte {length / RecordLength * RecordLength})", $"the file is {length} bytes, which is not a whole number of {RecordLength}-byte records (1 label byte + 3,072 pixel bytes); truncated or not a CIFAR-10 binary batch.");
            }

            records += length / RecordLength;
        }

        var features = new float[records * PixelsPerImage];
        var labels = new int[records];
        int n = 0;
        for (int f = 0; f < files.Count; f++)
        {
            var bytes = contents[f];
            for (int r = 0; r < bytes.Length / RecordLength; r++, n++)
            {
                int offset = r * RecordLength;
                int label = bytes[offset];
                if (label >= ClassNames.Count)
                {
                    throw new DataFormatException(files[f], $"record {r} (byte {offset})", $"label byte {label} is outside 0..9.");
                }

                labels[n] = label;
                for (int c = 0; c < 3; c++)
                {
                    var (mean, std) = normalization.ForChannel(c);
                    ImageNormalization.Apply(
                        bytes.AsSpan(offset + 1 + (c * PixelsPerChannel), PixelsPerChannel),
                        features.AsSpan((n * PixelsPerImage) + (c * PixelsPerChannel), PixelsPerChannel),
                        mean,
                        std);
                }
            }
        }

        return new Dataset(name, features, [3, Side, Side], labels, ClassNames);
    }
}
