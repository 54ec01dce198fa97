using System.Globalization;

namespace FedShield.Experiments.Config;

/// <summary>
/// One problem found in an experiment file or a <c>--set</c> override: where it is and what is wrong.
/// <see cref="ToString"/> gives the compiler-style line <c>mnist.yaml:12:15: training.batch_size: expected an integer &gt;= 1, got 0</c>.
/// </summary>
/// <param name="Source">The file name as given to the loader, or <c>--set</c> for an override.</param>
/// <param name="Line">1-based line of the offending key or value; 0 when the problem has no position (overrides, unreadable file).</param>
/// <param name="Column">1-based column; 0 when <paramref name="Line"/> is 0.</param>
/// <param name="Path">Dotted key path (<c>training.batch_size</c>); empty for problems with the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Override">The override text (<c>training.lr=abc</c>) when <paramref name="Source"/> is <c>--set</c>; otherwise null.</param>
public sealed record ConfigError(string Source, int Line, int Column, string Path, string Message, string? Override = null)
{
    /// <summary>The source name used for errors in <c>--set key=value</c> overrides.</summary>
    public const string OverrideSource = "--set";

    /// <summary>"file:line:column", "file", or "--set key=value".</summary>
    public string Location =>
        Override is not null ? $"{Source} {Override}"
        : Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}")
        : Source;

    /// <summary>"location: path: message" (the path is left out when empty).</summary>
    public override string ToString() =>
        Path.Length > 0 ? $"{Location}: {Path}: {Message}" : $"{Location}: {Message}";
}
