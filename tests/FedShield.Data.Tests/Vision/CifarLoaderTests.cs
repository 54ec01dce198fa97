using FedShield.Data.Vision;

namespace FedShield.Data.Tests.Vision;

public class CifarLoaderTests
{
    [Fact]
    public void Load_SmallBinaryBatches_ConcatenatesTrainAndNormalisesPerChannel()
    {
        using var dir = new TempDirectory();
        for (int b = 1; b <= 5; b++)
        {
            File.WriteAllBytes(dir.File($"data_batch_{b}.bin"), Records([(byte)(b - 1), (byte)b]));
        }

        File.WriteAllBytes(dir.File("test_batch.bin"), Records([9]));
        var cifar = CifarLoader.Load(dir.Path);
        Assert.Equal(10, cifar.Train.Count);
        Assert.Equal([3, 32, 32], cifar.Train.SampleShape.ToArray());
        Assert.Equal([0, 1, 1, 2, 2, 3, 3, 4, 4, 5], cifar.Train.Labels.ToArray());
        Assert.Equal([9], cifar.Test.Labels.ToArray());

        // Record r's pixel p of channel c holds (r + c * 50 + p) % 256: check one pixel per channel.
        var sample = cifar.Train.Sample(3);
        var n = ImageNormalization.Cifar10;
        for (int c = 0; c < 3; c++)
        {
            int p = 17;
            float expected = ((((1 + (c * 50) + p) % 256) / 255f) - n.Mean[c]) / n.Std[c];
            Assert.Equal(expected, sample[(c * 1024) + p], 5);
        }
    }

    [Fact]
    public void Load_NestedArchiveFolder_IsFound()
    {
        using var dir = new TempDirectory();
        var nested = Directory.CreateDirectory(dir.File("cifar-10-batches-bin")).FullName;
        for (int b = 1; b <= 5; b++)
        {
            File.WriteAllBytes(Path.Combine(nested, $"data_batch_{b}.bin"), Records([1]));
        }

        File.WriteAllBytes(Path.Combine(nested, "test_batch.bin"), Records([2, 3]));
        Assert.Equal(2, CifarLoader.Load(dir.Path).Test.Count);
    }

    [Fact]
    public void LoadFiles_PartialRecord_NamesRecordAndByte()
    {
        using var dir = new TempDirectory();
        var bytes = Records([1, 2]);
        File.WriteAllBytes(dir.File("test_batch.bin"), bytes[..^10]);
        var e = Assert.Throws<DataFormatException>(() => CifarLoader.LoadFiles([dir.File("test_batch.bin")], "cifar10/test"));
        Assert.Equal("record 1 (byte 3073)", e.Position);
        Assert.Contains("3073-byte records", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFiles_LabelOutOfRange_NamesRecord()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("b.bin"), Records([1, 12]));
        var e = Assert.Throws<DataFormatException>(() => CifarLoader.LoadFiles([dir.File("b.bin")], "cifar10/train"));
        Assert.Equal("record 1 (byte 3073)", e.Position);
        Assert.Contains("label byte 12", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingBatch_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("test_batch.bin"), Records([1]));
        var e = Assert.Throws<FileNotFoundException>(() => CifarLoader.Load(dir.Path));
        Assert.Contains("data_batch_1.bin", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Records(byte[] labels)
    {
        var bytes = new byte[labels.Length * CifarLoader.RecordLength];
        for (int r = 0; r < labels.Length; r++)
        {
            int o = r * CifarLoader.RecordLength;
            bytes[o] = labels[r];
            for (int i = 0; i < 3072; i++)
            {
                int c = i / 1024, p = i % 1024;
                bytes[o + 1 + i] = (byte)((r + (c * 50) + p) % 256);
            }
        }

        return bytes;
    }
}
