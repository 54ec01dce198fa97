using FedShield.Data.Sources;

namespace FedShield.Data;

/// <summary>A dataset known to FedShield by name: what it is, where its files come from, and how it loads.</summary>
public sealed class CatalogEntry
{
    private readonly Func<string?, DatasetLoadSettings, DatasetPair> _load;

    internal CatalogEntry(string name, string summary, DatasetDescriptor? source, Func<string?, DatasetLoadSettings, DatasetPair> load)
    {
        Name = name;
        Summary = summary;
        Source = source;
        _load = load;
    }

    /// <summary>The name used on the command line and in experiment files (<c>mnist</c>, <c>adult</c>, ...).</summary>
    public string Name { get; }

    /// <summary>One line saying what the dataset is and how it is encoded.</summary>
    public string Summary { get; }

    /// <summary>Where the files come from; null for generated (synthetic) datasets.</summary>
    public DatasetDescriptor? Source { get; }

    /// <summary>Whether the dataset is generated rather than read from files.</summary>
    public bool IsSynthetic => Source is null;

    internal DatasetPair Load(string? directory, DatasetLoadSettings settings) => _load(directory, settings);
}
