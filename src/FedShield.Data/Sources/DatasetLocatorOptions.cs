namespace FedShield.Data.Sources;

/// <summary>Where a <see cref="DatasetLocator"/> looks for datasets and whether it may download them.</summary>
/// <param name="DataDirectory">A data root holding one folder per dataset (what <c>FEDSHIELD_DATA_DIR</c> names), or null.</param>
/// <param name="CacheDirectory">The user cache, where downloads are written (<c>~/.cache/fedshield</c>), or null for none.</param>
/// <param name="AllowDownload">Whether missing files may be downloaded from their canonical locations.</param>
public sealed record DatasetLocatorOptions(string? DataDirectory = null, string? CacheDirectory = null, bool AllowDownload = true)
{
    /// <summary>The environment variable naming the data root.</summary>
    public const string DataDirectoryVariable = "FEDSHIELD_DATA_DIR";

    /// <summary>Set to <c>1</c> to forbid downloads.</summary>
    public const string OfflineVariable = "FEDSHIELD_OFFLINE";

    /// <summary>
    /// Options from the process environment: <c>FEDSHIELD_DATA_DIR</c>; the cache <c>$XDG_CACHE_HOME/fedshield</c>
    /// or <c>~/.cache/fedshield</c>; downloads allowed unless <c>FEDSHIELD_OFFLINE=1</c>.
    /// </summary>
    public static DatasetLocatorOptions FromEnvironment()
    {
        string? data = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string? cache = !string.IsNullOrEmpty(xdg) ? Path.Combine(xdg, "fedshield")
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache", "fedshield")
            : null;
        bool offline = Environment.GetEnvironmentVariable(OfflineVariable) == "1";
        return new DatasetLocatorOptions(string.IsNullOrEmpty(data) ? null : data, cache, !offline);
    }
}
