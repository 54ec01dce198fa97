using System.Buffers.Binary;
using System.Text;
using FedShield.Nn.Layers;
using FedShield.Nn.Serialization;

namespace FedShield.Nn.Tests.Serialization;

public class SafetensorsMalformedTests
{
    // Writes a file from a header text and a data length, optionally lying about the header length.
    private static string Write(TempDirectory dir, string header, int dataBytes, ulong? declaredLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertRejected(string header, int dataBytes, string expectedFragment, ulong? declaredLength = null)
    {
        using var dir = new TempDirectory();
        var path = Write(dir, header, dataBytes, declaredLength);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.ReadAll(path));
        Assert.Contains(expectedFragment, e.Message, StringComparison.Ordinal);
    }

    private const string One = """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";

    [Fact]
    public void ReadAll_WellFormedHandWrittenFile_IsAccepted()
    {
        using var dir = new TempDirectory();
        Assert.Equal([0f, 0f], Safetensors.ReadAll(Write(dir, One, 8))["w"].Values.ToArray());
    }

    [Fact]
    public void ReadAll_FileShorterThanLengthPrefix_Throws()
    {
        using var dir = new TempDirectory();
        var path = dir.File("short.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.ReadAll(path));
        Assert.Contains("fewer than the 8-byte header length", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_HeaderLengthBeyondFile_Throws() => AssertRejected(One, 8, "is larger than the", declaredLength: 1000);

    [Fact]
    public void ReadAll_AbsurdHeaderLength_Throws() => AssertRejected(One, 8, "exceeds the limit", declaredLength: ulong.MaxValue);

    [Fact]
    public void ReadAll_InvalidJson_Throws() => AssertRejected("""{"w":{"dtype":"F32",""", 0, "not valid JSON");

    [Fact]
    public void ReadAll_HeaderNotAnObject_Throws() => AssertRejected("[1, 2]", 0, "does not start with '{'");

    [Fact]
    public void ReadAll_NonF32Dtype_ThrowsNamingIt() =>
        AssertRejected("""{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", 4, "dtype F16; only F32");

    [Fact]
    public void ReadAll_ShapeAndOffsetsDisagree_Throws() =>
        AssertRejected("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "needs 12 bytes");

    [Fact]
    public void ReadAll_OffsetsBeyondData_Throws() =>
        AssertRejected("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 8, "beyond the 8 bytes of data");

    [Fact]
    public void ReadAll_OverlappingTensors_Throws() =>
        AssertRejected("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "overlaps tensor 'a'");

    [Fact]
    public void ReadAll_GapBetweenTensors_Throws() =>
        AssertRejected("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "belong to no tensor");

    [Fact]
    public void ReadAll_TrailingBytes_Throws() => AssertRejected(One, 12, "cover 8 bytes of data but the file holds 12");

    [Fact]
    public void ReadAll_OffsetsEndBeforeBegin_Throws() =>
        AssertRejected("""{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}""", 8, "end before they begin");

    [Fact]
    public void ReadAll_NegativeOrFractionalOffset_Throws()
    {
        AssertRejected("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}""", 8, "not a non-negative integer");
        AssertRejected("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8.5]}}""", 8, "not a non-negative integer");
    }

    [Fact]
    public void ReadAll_NegativeShape_Throws() =>
        AssertRejected("""{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "not a non-negative integer");

    [Fact]
    public void ReadAll_MissingFields_Throw()
    {
        AssertRejected("""{"w":{"shape":[2],"data_offsets":[0,8]}}""", 8, "no string 'dtype'");
        AssertRejected("""{"w":{"dtype":"F32","data_offsets":[0,8]}}""", 8, "no 'shape' array");
        AssertRejected("""{"w":{"dtype":"F32","shape":[2]}}""", 8, "no 'data_offsets' pair");
        AssertRejected("""{"w":3}""", 0, "not an object");
    }

    [Fact]
    public void ReadAll_DuplicateName_Throws() =>
        AssertRejected("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "appears twice");

    [Fact]
    public void ReadAll_NonStringMetadata_Throws() =>
        AssertRejected("""{"__metadata__":{"epoch":3},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "metadata entry 'epoch'");

    private static Sequential TinyModel(int seed)
    {
        var model = new Sequential(new Linear(2, 1, new Random(seed)));
        model.Materialize();
        return model;
    }

    [Fact]
    public void Load_MissingTensor_ThrowsAndLeavesModelUnchanged()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.safetensors");
        Safetensors.Save(path, [new SafetensorsTensor("0.weight", [1, 2], [5f, 6f])]);
        var model = TinyModel(1);
        var before = model.ParameterBuffer.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(model, path));
        Assert.Contains("missing tensor '0.bias' (1,)", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.ParameterBuffer.ToArray());
    }

    [Fact]
    public void Load_UnexpectedTensor_Throws()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.safetensors");
        Safetensors.Save(path, [new SafetensorsTensor("0.weight", [1, 2], [5f, 6f]), new SafetensorsTensor("0.bias", [1], [1f]), new SafetensorsTensor("extra", [1], [0f])]);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(TinyModel(1), path));
        Assert.Contains("unexpected tensor 'extra'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongShape_NamesBothShapes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.safetensors");
        Safetensors.Save(path, [new SafetensorsTensor("0.weight", [2, 1], [5f, 6f]), new SafetensorsTensor("0.bias", [1], [1f])]);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(TinyModel(1), path));
        Assert.Contains("'0.weight' has shape (2, 1) in the file but (1, 2) in the model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MatchingFile_WritesValues()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.safetensors");
        Safetensors.Save(path, [new SafetensorsTensor("0.bias", [1], [1f]), new SafetensorsTensor("0.weight", [1, 2], [5f, 6f])]);
        var model = TinyModel(1);
        Safetensors.Load(model, path);
        Assert.Equal([5f, 6f, 1f], model.ParameterBuffer.ToArray());
    }
}
