namespace FedShield.Testing;

/// <summary>
/// Locates the reference datasets of ../shared/data through FEDSHIELD_DATA_DIR. Tests that need them
/// are <see cref="ReferenceDataFactAttribute"/>s, reported as skipped (never passed) when it is unset.
/// </summary>
internal static class ReferenceData
{
    public static string? Root
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("FEDSHIELD_DATA_DIR");
            return string.IsNullOrEmpty(dir) || !Directory.Exists(dir) ? null : dir;
        }
    }

    /// <summary>The folder <paramref name="name"/> under FEDSHIELD_DATA_DIR (tests run only when it exists).</summary>
    public static string Folder(string name) => Path.Combine(Root ?? throw new InvalidOperationException("FEDSHIELD_DATA_DIR is not set"), name);
}
