using FedShield.Data.Sources;
using FedShield.Data.Vision;

namespace FedShield.Data.Tests.Vision;

public class MnistLoaderTests
{
    [ReferenceDataFact]
    public void Load_ReferenceMnist_CountsAndClassCountsMatchThePublishedValues()
    {
        var mnist = MnistLoader.Load(ReferenceData.Folder("mnist"));
        Assert.Equal(60_000, mnist.Train.Count);
        Assert.Equal(10_000, mnist.Test.Count);
        Assert.Equal([1, 28, 28], mnist.Train.SampleShape.ToArray());
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], mnist.Train.ClassCounts());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], mnist.Test.ClassCounts());
        Assert.Equal("mnist/train", mnist.Train.Name);
    }

    [ReferenceDataFact]
    public void Load_ReferenceMnist_FilesHaveThePublishedSha256()
    {
        foreach (var file in MnistLoader.Descriptor(MnistVariant.Mnist).Files)
        {
            Assert.Equal(file.Sha256, Checksum.Sha256OfFile(Path.Combine(ReferenceData.Folder("mnist"), file.Name)));
        }
    }

    [ReferenceDataFact]
    public void Load_ReferenceMnist_DefaultNormalisationGivesZeroMeanUnitStd()
    {
        var train = MnistLoader.Load(ReferenceData.Folder("mnist")).Train;
        var x = train.Features.Span;
        double sum = 0, sq = 0;
        foreach (float v in x)
        {
            sum += v;
            sq += (double)v * v;
        }

        double mean = sum / x.Length;
        double std = Math.Sqrt((sq / x.Length) - (mean * mean));
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(std, 0.999, 1.001);
    }

    [ReferenceDataFact]
    public void Load_NoNormalisation_PixelsAreBytesOver255()
    {
        var test = MnistLoader.Load(ReferenceData.Folder("mnist"), options: new MnistOptions(ImageNormalization.None)).Test;
        var raw = IdxReader.Read(Path.Combine(ReferenceData.Folder("mnist"), "t10k-images-idx3-ubyte.gz"));
        for (int i = 0; i < 784 * 3; i++)
        {
            Assert.Equal(raw.Data[i] / 255f, test.Features.Span[i], 1e-6f);
        }

        Assert.Equal(0f, test.Features.Span.ToArray().Min());
        Assert.Equal(1f, test.Features.Span.ToArray().Max());
    }

    [FashionMnistFact]
    public void Load_FashionMnistFromTheDebianPackage_TenBalancedClasses()
    {
        var fashion = MnistLoader.Load(FashionMnistFactAttribute.Folder, MnistVariant.FashionMnist);
        Assert.Equal(Enumerable.Repeat(6000, 10), fashion.Train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(1000, 10), fashion.Test.ClassCounts());
        Assert.Equal("Ankle boot", fashion.Train.ClassNames[9]);
        Assert.Equal("fashion-mnist/test", fashion.Test.Name);
    }

    [Fact]
    public void Load_SmallFilesWithMismatchedCounts_NamesTheLabelFile()
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "train", 3, 3);
        WriteSplit(dir, "t10k", 2, 1);
        var e = Assert.Throws<DataFormatException>(() => MnistLoader.Load(dir.Path, options: new MnistOptions(VerifyChecksums: false)));
        Assert.EndsWith("t10k-labels-idx1-ubyte.gz", e.File, StringComparison.Ordinal);
        Assert.Contains("1 labels for the 2 images", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SmallFiles_ChecksumVerifiedByDefault()
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "train", 3, 3);
        WriteSplit(dir, "t10k", 2, 2);
        var e = Assert.Throws<DataFormatException>(() => MnistLoader.Load(dir.Path));
        Assert.Equal("SHA-256 of the decompressed bytes", e.Position);
        var ok = MnistLoader.Load(dir.Path, options: new MnistOptions(ImageNormalization.None, VerifyChecksums: false));
        Assert.Equal(3, ok.Train.Count);
        Assert.Equal([0, 1, 2], ok.Train.Labels.ToArray());
        Assert.Equal(5f / 255f, ok.Train.Sample(0)[5], 6);
    }

    private static void WriteSplit(TempDirectory dir, string prefix, int images, int labels)
    {
        var pixels = new byte[images * 28 * 28];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 251);
        }

        File.WriteAllBytes(dir.File($"{prefix}-images-idx3-ubyte.gz"), IdxWriter.Gzip(IdxWriter.Encode([images, 28, 28], pixels)));
        File.WriteAllBytes(dir.File($"{prefix}-labels-idx1-ubyte.gz"), IdxWriter.Gzip(IdxWriter.Encode([labels], [.. Enumerable.Range(0, labels).Select(i => (byte)i)])));
    }
}
