using FedShield.Experiments.Checkpoints;
using FedShield.Federation.State;

namespace FedShield.Experiments.Tests.Checkpoints;

public class CheckpointFileTests
{
    [Fact]
    public void WriteRead_RoundTripsArraysAndValuesExactly()
    {
        using var dir = new TempDirectory();
        var bag = new StateBag();
        bag.SetArray("weights", [1.5f, -0f, float.Epsilon, 3.4e38f]);
        bag.SetArray("client.3.momentum", []);
        bag.SetValue("round", 17);
        bag.SetValue("lr", 0.1 + 0.2);
        CheckpointFile.Write(dir.File("c.safetensors"), bag);

        var back = CheckpointFile.Read(dir.File("c.safetensors"));
        Assert.Equal(bag.GetArray("weights").Select(BitConverter.SingleToInt32Bits), back.GetArray("weights").Select(BitConverter.SingleToInt32Bits));
        Assert.Empty(back.GetArray("client.3.momentum"));
        Assert.Equal(17, back.GetInt64("round"));
        Assert.Equal(0.1 + 0.2, back.GetDouble("lr"));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Read_DamagedOrForeignFile_ThrowsNamingPath()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad"), [1, 2, 3]);
        Assert.Contains("bad", Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(dir.File("bad"))).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => CheckpointFile.Read(dir.File("missing")));
    }
}
