using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using FedShield.Nn.Layers;
using FedShield.Nn.Models;
using FedShield.Nn.Serialization;

namespace FedShield.Nn.Tests.Serialization;

public class SafetensorsRoundTripTests
{
    [Fact]
    public void SaveLoad_MnistCnn_RestoresEveryParameterBitForBit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mnist.safetensors");
        var source = new MnistCnn(new Random(1));
        Safetensors.Save(source, path);
        var target = new MnistCnn(new Random(2));
        Assert.NotEqual(source.ParameterBuffer.ToArray(), target.ParameterBuffer.ToArray());
        Safetensors.Load(target, path);
        Assert.Equal(source.ParameterBuffer.ToArray(), target.ParameterBuffer.ToArray());
    }

    [Fact]
    public void SaveLoad_BatchNormModel_RestoresBuffersToo()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bn.safetensors");
        var rng = new Random(3);
        var source = new Sequential(new Linear(2, 3, rng), new BatchNorm1d(3));
        source.Materialize();
        source.BufferValues.Fill(0.25f);
        Safetensors.Save(source, path);
        var target = new Sequential(new Linear(2, 3, rng), new BatchNorm1d(3));
        target.Materialize();
        Safetensors.Load(target, path);
        Assert.Equal(source.ParameterBuffer.ToArray(), target.ParameterBuffer.ToArray());
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f], target.BufferValues.ToArray());
    }

    [Fact]
    public void Save_Layout_FollowsTheFormat()
    {
        using var dir = new TempDirectory();
        var path = dir.File("adult.safetensors");
        var model = new AdultMlp(new Random(1), inputCount: 3);
        Safetensors.Save(model, path, new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + n) % 8);
        Assert.Equal(8 + n + (4L * model.ParameterCount), bytes.Length);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        using var json = JsonDocument.Parse(header);
        var fc1 = json.RootElement.GetProperty("fc1.weight");
        Assert.Equal("F32", fc1.GetProperty("dtype").GetString());
        Assert.Equal([48, 3], fc1.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0, 48 * 3 * 4], fc1.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("pt", json.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());

        // The first weight's little-endian bytes follow the header.
        Assert.Equal(model.Fc1.Weight.Value[0, 0], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n))));
    }

    [Fact]
    public void ReadAll_ReturnsNamesShapesValuesAndMetadata()
    {
        using var dir = new TempDirectory();
        var path = dir.File("t.safetensors");
        Safetensors.Save(
            path,
            [new SafetensorsTensor("a", [2, 2], [1f, 2f, 3f, 4f]), new SafetensorsTensor("b.c", [3], [-1f, 0f, 1f]), new SafetensorsTensor("empty", [0, 4], [])],
            new Dictionary<string, string> { ["round"] = "7" });
        var file = Safetensors.ReadAll(path);
        Assert.Equal(["a", "b.c", "empty"], file.Tensors.Select(t => t.Name));
        Assert.Equal([2, 2], file["a"].Shape);
        Assert.Equal([-1f, 0f, 1f], file["b.c"].Values.ToArray());
        Assert.Equal([0, 4], file["empty"].Shape);
        Assert.Equal("7", file.Metadata["round"]);
        Assert.True(file.Contains("a"));
        Assert.Throws<KeyNotFoundException>(() => file["missing"]);
    }

    [Fact]
    public void Save_Overwrites_AndLeavesNoTemporaryFiles()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.safetensors");
        Safetensors.Save(path, [new SafetensorsTensor("x", [1], [1f])]);
        Safetensors.Save(path, [new SafetensorsTensor("x", [2], [2f, 3f])]);
        Assert.Equal([2f, 3f], Safetensors.ReadAll(path)["x"].Values.ToArray());
        Assert.Equal(["m.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_DuplicateNames_Throws()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => Safetensors.Save(dir.File("d.safetensors"), [new SafetensorsTensor("x", [1], [1f]), new SafetensorsTensor("x", [1], [2f])]));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void SafetensorsTensor_ValuesNotFillingShape_Throws() =>
        Assert.Throws<ArgumentException>(() => new SafetensorsTensor("x", [2, 2], [1f]));
}
