namespace FedShield.Data.Sources;

/// <summary>
/// Where a dataset's files live and how to recognise them: the folder name used under a data root or the
/// user cache, the files required, known system locations, and how a user obtains the files by hand.
/// </summary>
/// <param name="Name">The dataset's name (<c>mnist</c>, <c>adult</c>, ...).</param>
/// <param name="Folder">The folder name under a data root (<c>FEDSHIELD_DATA_DIR/mnist</c>).</param>
/// <param name="Files">Files that must all be present; may be empty when <paramref name="AnyFilePattern"/> is used.</param>
/// <param name="AnyFilePattern">For datasets made of an open set of files (CSV exports): a folder qualifies when it holds at least one file matching this pattern, searched recursively.</param>
/// <param name="SystemLocations">Folders where a system package installs the files, e.g. <c>/usr/share/datasets/fashion-mnist</c>.</param>
/// <param name="ManualInstructions">How to obtain the files by hand, shown when they cannot be found or downloaded.</param>
/// <param name="AlternativeFolders">Other folder names accepted under a data root (a sample's folder, e.g. <c>cic-ddos2019-sample</c>).</param>
public sealed record DatasetDescriptor(
    string Name,
    string Folder,
    IReadOnlyList<DatasetFile> Files,
    string? AnyFilePattern = null,
    IReadOnlyList<string>? SystemLocations = null,
    string ManualInstructions = "",
    IReadOnlyList<string>? AlternativeFolders = null)
{
    /// <summary>Whether every required file can be downloaded and verified.</summary>
    public bool Downloadable => Files.Count > 0 && Files.All(f => f.Downloadable);

    /// <summary>The file named <paramref name="name"/>.</summary>
    public DatasetFile File(string name) => Files.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"Dataset '{Name}' has no file '{name}'.", nameof(name));

    /// <summary>What is missing from <paramref name="directory"/> for it to hold this dataset, or null when nothing is.</summary>
    public string? Missing(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return "no such folder";
        }

        if (AnyFilePattern is not null)
        {
            return Directory.EnumerateFiles(directory, AnyFilePattern, SearchOption.AllDirectories).Any() ? null : $"no {AnyFilePattern} file";
        }

        var missing = Files.Where(f => !System.IO.File.Exists(Path.Combine(directory, f.Name))).Select(f => f.Name).ToList();
        return missing.Count == 0 ? null : "missing " + string.Join(", ", missing);
    }
}
