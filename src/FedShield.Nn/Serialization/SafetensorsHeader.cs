using System.Buffers.Binary;
using System.Text.Json;

namespace FedShield.Nn.Serialization;

/// <summary>
/// The parsed and validated header of a safetensors file: an 8-byte little-endian length N, N bytes
/// of JSON mapping names to {dtype, shape, data_offsets} (plus optional string <c>__metadata__</c>),
/// then the data, which the tensors must cover exactly, in order, without gaps or overlaps.
/// </summary>
internal sealed class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    // The reference implementation's bound; a larger header is treated as corruption.
    public const long MaxHeaderLength = 100_000_000;

    private SafetensorsHeader(List<Entry> entries, Dictionary<string, string> metadata, long dataStart)
    {
        Entries = entries;
        Metadata = metadata;
        DataStart = dataStart;
    }

    /// <summary>Tensors sorted by their position in the data section.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The file position where the data section begins (8 + N).</summary>
    public long DataStart { get; }

    public sealed record Entry(string Name, int[] Shape, long Begin, long End);

    public static SafetensorsHeader Read(FileStream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw Fail(path, $"the file has {fileLength} bytes, fewer than the 8-byte header length");
        }

        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
        {
            throw Fail(path, $"the header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes");
        }

        if ((long)headerLength > fileLength - 8)
        {
            throw Fail(path, $"the header length {headerLength} is larger than the {fileLength - 8} bytes that follow it");
        }

        var json = new byte[headerLength];
        stream.ReadExactly(json);
        long dataLength = fileLength - 8 - (long)headerLength;
        return Parse(json, dataLength, 8 + (long)headerLength, path);
    }

    internal static SafetensorsHeader Parse(byte[] json, long dataLength, long dataStart, string path)
    {
        if (json.Length == 0 || json[0] != (byte)'{')
        {
            throw Fail(path, "the header does not start with '{'");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Safetensors file '{path}': the header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Fail(path, $"the name '{property.Name}' appears twice in the header");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, path);
                }
                else
                {
                    entries.Add(ReadEntry(property.Name, property.Value, path));
                }
            }

            CheckLayout(entries, dataLength, path);
            return new SafetensorsHeader(entries, metadata, dataStart);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"'{MetadataKey}' must be an object of strings");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Fail(path, $"metadata entry '{item.Name}' is a {item.Value.ValueKind}, not a string");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Fail(path, $"metadata entry '{item.Name}' appears twice");
            }
        }
    }

    private static Entry ReadEntry(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"tensor '{name}' is described by a {value.ValueKind}, not an object");
        }

        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
        {
            throw Fail(path, $"tensor '{name}' has no string 'dtype'");
        }

        if (dtype.GetString() != "F32")
        {
            throw Fail(path, $"tensor '{name}' has dtype {dtype.GetString()}; only F32 is supported");
        }

        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, $"tensor '{name}' has no 'shape' array");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        int k = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int extent) || extent < 0)
            {
                throw Fail(path, $"tensor '{name}' has shape entry {d.GetRawText()}, not a non-negative integer");
            }

            shape[k++] = extent;
            count *= extent;
            if (count > int.MaxValue)
            {
                throw Fail(path, $"tensor '{name}' has shape {ShapeText.Format(shape)} with more than {int.MaxValue} elements");
            }
        }

        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw Fail(path, $"tensor '{name}' has no 'data_offsets' pair");
        }

        long begin = ReadOffset(offsets[0], name, path);
        long end = ReadOffset(offsets[1], name, path);
        if (end < begin)
        {
            throw Fail(path, $"tensor '{name}' has data_offsets [{begin}, {end}) that end before they begin");
        }

        if (end - begin != count * sizeof(float))
        {
            throw Fail(path, $"tensor '{name}' of shape {ShapeText.Format(shape)} needs {count * sizeof(float)} bytes but data_offsets [{begin}, {end}) hold {end - begin}");
        }

        return new Entry(name, shape, begin, end);
    }

    private static long ReadOffset(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long v) || v < 0)
        {
            throw Fail(path, $"tensor '{name}' has data offset {element.GetRawText()}, not a non-negative integer");
        }

        return v;
    }

    // The tensors must tile the data section exactly: sorted by offset, each starting where the
    // previous one ended, the last ending at the end of the file.
    private static void CheckLayout(List<Entry> entries, long dataLength, string path)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        string? previous = null;
        foreach (var e in entries)
        {
            if (e.End > dataLength)
            {
                throw Fail(path, $"tensor '{e.Name}' has data_offsets [{e.Begin}, {e.End}) beyond the {dataLength} bytes of data");
            }

            if (e.Begin < position)
            {
                throw Fail(path, $"tensor '{e.Name}' at [{e.Begin}, {e.End}) overlaps tensor '{previous}' ending at {position}");
            }

            if (e.Begin > position)
            {
                throw Fail(path, $"bytes [{position}, {e.Begin}) of the data before tensor '{e.Name}' belong to no tensor");
            }

            position = e.End;
            previous = e.Name;
        }

        if (position != dataLength)
        {
            throw Fail(path, $"the tensors cover {position} bytes of data but the file holds {dataLength}");
        }
    }

    private static InvalidDataException Fail(string path, string what) => new($"Safetensors file '{path}': {what}.");
}
