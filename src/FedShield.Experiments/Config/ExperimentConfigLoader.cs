namespace FedShield.Experiments.Config;

/// <summary>
/// Reads experiment YAML files into validated <see cref="ExperimentConfig"/>s. Every problem is collected
/// (unknown and duplicate keys, wrong types, out-of-range values, missing required keys, conflicting keys)
/// and reported together in one <see cref="ConfigException"/>, each with its key path and file:line:column.
/// </summary>
public static class ExperimentConfigLoader
{
    /// <summary>Reads and validates an experiment file, then applies <c>--set key=value</c> overrides.</summary>
    /// <param name="path">The YAML file; its name without extension is the default experiment name, and errors cite it as given.</param>
    /// <param name="overrides">
    /// <c>key=value</c> strings such as <c>training.lr=0.05</c> or <c>clients.per_round=10</c>, applied in order before
    /// validation; each value is read as a YAML scalar. Setting one key of an exclusive pair (fraction/per_round,
    /// min_replies/min_fraction) drops the file's value of the other.
    /// </param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="ConfigException">The file cannot be read, is not valid YAML, or holds (with the overrides) any invalid setting.</exception>
    public static ExperimentConfig Load(string path, IReadOnlyList<string>? overrides = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ConfigException([new ConfigError(path, 0, 0, "", "cannot read the file: " + ex.Message)]);
        }

        return LoadText(text, path, overrides);
    }

    /// <summary>Reads and validates experiment YAML held in memory, then applies overrides (see <see cref="Load"/>).</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The name errors cite (a file name); its name without extension is the default experiment name.</param>
    /// <param name="overrides"><c>key=value</c> overrides, as for <see cref="Load"/>.</param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="ConfigException">The text is not valid YAML or holds (with the overrides) any invalid setting.</exception>
    public static ExperimentConfig LoadText(string yaml, string sourceName, IReadOnlyList<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new ConfigLoadSession(sourceName).Load(yaml, overrides ?? []);
    }
}
