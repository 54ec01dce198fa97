using FedShield.Federation.State;
using FedShield.Nn.Serialization;

namespace FedShield.Experiments.Checkpoints;

/// <summary>
/// Stores a checkpoint's <see cref="StateBag"/> as one safetensors file: every array a 1-D float32
/// tensor, every scalar a metadata entry. The file is written to a temporary name, flushed and
/// renamed, so a run killed mid-write leaves the previous checkpoint intact.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "checkpoint.safetensors";

    private const string FormatKey = "fedshield.checkpoint";
    private const string FormatVersion = "1";

    /// <summary>Writes <paramref name="state"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var metadata = new Dictionary<string, string>(state.Values, StringComparer.Ordinal) { [FormatKey] = FormatVersion };
        Safetensors.Save(path, state.Arrays.Select(a => new SafetensorsTensor(a.Key, [a.Value.Length], a.Value)), metadata);
    }

    /// <summary>Reads a checkpoint written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a FedShield checkpoint or is damaged.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static StateBag Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no checkpoint at {path}", path);
        }

        SafetensorsFile file;
        try
        {
            file = Safetensors.ReadAll(path);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a readable checkpoint ({ex.Message})", ex);
        }

        if (!file.Metadata.TryGetValue(FormatKey, out var version) || version != FormatVersion)
        {
            throw new InvalidDataException($"{path}: not a FedShield checkpoint (format version {FormatVersion} expected)");
        }

        var bag = new StateBag();
        foreach (var (key, value) in file.Metadata)
        {
            if (key != FormatKey)
            {
                bag.SetValue(key, value);
            }
        }

        foreach (var tensor in file.Tensors)
        {
            bag.SetArray(tensor.Name, tensor.Values.Span);
        }

        return bag;
    }
}
