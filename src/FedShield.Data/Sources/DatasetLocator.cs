using System.Text;

namespace FedShield.Data.Sources;

/// <summary>
/// Finds a dataset's files, in this order: an explicit folder (authoritative: when given, nothing else is
/// tried); the data root (<c>FEDSHIELD_DATA_DIR</c>); the user cache; known system locations (Debian's
/// <c>/usr/share/datasets/...</c>); finally a download from the canonical locations into the user cache,
/// verified by SHA-256, written to a temporary file and renamed. When everything fails the error lists
/// every place looked at and how to provide the files.
/// </summary>
public sealed class DatasetLocator
{
    private readonly DatasetLocatorOptions _options;
    private readonly DatasetDownloader? _downloader;

    /// <summary>Creates a locator; <paramref name="http"/> is used for downloads (null: downloads are not attempted).</summary>
    /// <param name="options">Where to look.</param>
    /// <param name="http">The HTTP client for downloads, or null to stay offline.</param>
    /// <param name="log">Receives one line per download step (progress for the user), or null.</param>
    public DatasetLocator(DatasetLocatorOptions options, HttpClient? http = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _downloader = http is null ? null : new DatasetDownloader(http, log);
    }

    /// <summary>The folder holding <paramref name="dataset"/>'s files.</summary>
    /// <param name="dataset">What to look for.</param>
    /// <param name="explicitDirectory">A folder the user named (<c>--dir</c>), or null.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <exception cref="DatasetNotFoundException">The files are nowhere and could not be downloaded.</exception>
    public async Task<string> ResolveAsync(DatasetDescriptor dataset, string? explicitDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var looked = new List<string>();
        if (explicitDirectory is not null)
        {
            string? found = Check(dataset, explicitDirectory, "the folder given", looked, includeRoot: true);
            return found ?? throw NotFound(dataset, looked, []);
        }

        if (_options.DataDirectory is { } dataRoot)
        {
            if (Check(dataset, dataRoot, DatasetLocatorOptions.DataDirectoryVariable, looked, includeRoot: false) is { } found)
            {
                return found;
            }
        }
        else
        {
            looked.Add($"{DatasetLocatorOptions.DataDirectoryVariable}: not set");
        }

        if (_options.CacheDirectory is { } cache && Check(dataset, cache, "user cache", looked, includeRoot: false) is { } cached)
        {
            return cached;
        }

        foreach (var system in dataset.SystemLocations ?? [])
        {
            if (Check(dataset, system, "system location", looked, includeRoot: true) is { } found)
            {
                return found;
            }
        }

        var failures = new List<string>();
        if (!dataset.Downloadable)
        {
            failures.Add("no verified download location is known for these files");
        }
        else if (!_options.AllowDownload)
        {
            failures.Add($"downloads are disabled ({DatasetLocatorOptions.OfflineVariable}=1)");
        }
        else if (_options.CacheDirectory is null)
        {
            failures.Add("there is no user cache folder to download into");
        }
        else if (_downloader is null)
        {
            failures.Add("offline (no HTTP client)");
        }
        else
        {
            string target = Path.Combine(_options.CacheDirectory, dataset.Folder);
            if (await _downloader.DownloadAllAsync(dataset, target, failures, cancellationToken).ConfigureAwait(false))
            {
                return target;
            }
        }

        throw NotFound(dataset, looked, failures);
    }

    /// <summary>Synchronous <see cref="ResolveAsync"/>, for command-line use.</summary>
    public string Resolve(DatasetDescriptor dataset, string? explicitDirectory = null) =>
        ResolveAsync(dataset, explicitDirectory).GetAwaiter().GetResult();

    private static string? Check(DatasetDescriptor dataset, string root, string label, List<string> looked, bool includeRoot)
    {
        // Under a data root the dataset lives in its own folder; a folder named explicitly may hold the files itself.
        var candidates = new List<string> { Path.Combine(root, dataset.Folder) };
        candidates.AddRange((dataset.AlternativeFolders ?? []).Select(a => Path.Combine(root, a)));
        if (includeRoot)
        {
            candidates.Insert(0, root);
        }

        foreach (var candidate in candidates)
        {
            string? missing = dataset.Missing(candidate);
            if (missing is null)
            {
                return Path.GetFullPath(candidate);
            }

            looked.Add($"{label}: {candidate}: {missing}");
        }

        return null;
    }

    private DatasetNotFoundException NotFound(DatasetDescriptor dataset, List<string> looked, List<string> downloadFailures)
    {
        var text = new StringBuilder();
        text.AppendLine($"Dataset '{dataset.Name}' was not found. Looked in:");
        foreach (var line in looked)
        {
            text.AppendLine("  " + line);
        }

        foreach (var failure in downloadFailures)
        {
            text.AppendLine("  download: " + failure);
        }

        text.AppendLine("To provide it:");
        if (!string.IsNullOrEmpty(dataset.ManualInstructions))
        {
            text.AppendLine("  " + dataset.ManualInstructions);
        }

        text.AppendLine($"  then pass the folder with --dir, or set {DatasetLocatorOptions.DataDirectoryVariable}=ROOT with the files in ROOT/{dataset.Folder}/");
        if (_options.CacheDirectory is { } cache)
        {
            text.Append($"  or copy them into {Path.Combine(cache, dataset.Folder)}/");
        }

        return new DatasetNotFoundException(dataset.Name, text.ToString().TrimEnd());
    }
}
