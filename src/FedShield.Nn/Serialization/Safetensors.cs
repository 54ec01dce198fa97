using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using FedShield.Tensors;

namespace FedShield.Nn.Serialization;

/// <summary>
/// Reads and writes the safetensors format (float32 only): an 8-byte little-endian header length N,
/// N bytes of JSON header (padded with spaces so the data starts at a multiple of 8) and the raw
/// little-endian data. Writes go to a temporary file that is renamed over the target, so a crash
/// never leaves a truncated file; reads validate the whole header before using any data.
/// </summary>
public static class Safetensors
{
    /// <summary>Writes the named state of <paramref name="model"/> (parameters and buffers, PyTorch state_dict names and order).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var items = model.StateEntries().Select(e => (e.Name, e.Value)).ToList();
        Write(path, items, metadata);
    }

    /// <summary>Writes arbitrary named tensors in the given order.</summary>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(string path, IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        // The records own plain arrays, so wrapping them copies nothing.
        var items = tensors.Select(t => (t.Name, Tensor.Wrap(t.ValueArray, 0, [.. t.Shape]))).ToList();
        Write(path, items, metadata);
    }

    /// <summary>
    /// Loads a file into <paramref name="model"/>: every state entry must be present with F32 dtype
    /// and the same shape, and the file must hold no other tensor. Nothing is changed unless all
    /// checks pass.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed, or tensors are missing, unexpected or mis-shaped (all listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Load(Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var header = SafetensorsHeader.Read(stream, path);
        var byName = header.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var state = model.StateEntries();
        var problems = new List<string>();
        foreach (var entry in state)
        {
            if (!byName.TryGetValue(entry.Name, out var found))
            {
                problems.Add($"missing tensor '{entry.Name}' {ShapeText.Format(entry.Shape)}");
            }
            else if (!entry.Shape.SequenceEqual(found.Shape))
            {
                problems.Add($"tensor '{entry.Name}' has shape {ShapeText.Format(found.Shape)} in the file but {ShapeText.Format(entry.Shape)} in the model");
            }
        }

        var expected = state.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(header.Entries.Where(e => !expected.Contains(e.Name)).Select(e => $"unexpected tensor '{e.Name}' {ShapeText.Format(e.Shape)}"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Safetensors file '{path}' does not match {model}: {string.Join("; ", problems)}.");
        }

        foreach (var entry in state.Where(e => e.Value.Count > 0))
        {
            var found = byName[entry.Name];
            ReadValues(stream, header.DataStart + found.Begin, entry.Value.Span);
        }
    }

    /// <summary>Reads every tensor and the metadata of a file.</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SafetensorsFile ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var header = SafetensorsHeader.Read(stream, path);
        var tensors = new List<SafetensorsTensor>(header.Entries.Count);
        foreach (var e in header.Entries)
        {
            var values = new float[(e.End - e.Begin) / sizeof(float)];
            ReadValues(stream, header.DataStart + e.Begin, values);
            tensors.Add(new SafetensorsTensor(e.Name, e.Shape, values));
        }

        return new SafetensorsFile(tensors, header.Metadata);
    }

    private static void ReadValues(FileStream stream, long position, Span<float> destination)
    {
        stream.Position = position;
        stream.ReadExactly(MemoryMarshal.AsBytes(destination));
        if (!BitConverter.IsLittleEndian)
        {
            var bits = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
    }

    private static void Write(string path, List<(string Name, Tensor Value)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = BuildHeader(tensors, metadata);
        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                stream.Write(prefix);
                stream.Write(header);
                foreach (var (_, value) in tensors)
                {
                    // Zero-element tensors have no bytes (and the engine may call some of them non-contiguous).
                    if (value.Count > 0)
                    {
                        WriteValues(stream, value.Contiguous().ReadOnlySpan);
                    }
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    private static void WriteValues(FileStream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> one = stackalloc byte[sizeof(float)];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(one, v);
            stream.Write(one);
        }
    }

    // JSON header, padded with spaces so that 8 + its length is a multiple of 8.
    private static byte[] BuildHeader(List<(string Name, Tensor Value)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var (name, value) in tensors)
            {
                if (name == SafetensorsHeader.MetadataKey || !names.Add(name))
                {
                    throw new ArgumentException($"Safetensors: the tensor name '{name}' is reserved or used twice.", nameof(tensors));
                }

                long bytes = (long)value.Count * sizeof(float);
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int d in value.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        int padding = (int)((8 - (buffer.Length % 8)) % 8);
        for (int i = 0; i < padding; i++)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }
}
