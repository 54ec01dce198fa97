using System.Globalization;
using System.Text.RegularExpressions;

namespace FedShield.Experiments.Config.Yaml;

/// <summary>
/// The YAML 1.2 core schema's plain-scalar grammar for the types the configuration uses, shared by the
/// reader (to parse) and the writer (to know when a string must be quoted to stay a string).
/// </summary>
internal static partial class ScalarSyntax
{
    public static bool IsNullToken(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Decimal integers with an optional sign (no hex, octal or separators).</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        return IntegerPattern().IsMatch(text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Integers and floats (<c>1</c>, <c>0.5</c>, <c>.5</c>, <c>1e-3</c>, <c>1E-05</c>), and YAML's <c>.inf</c> and <c>.nan</c>.</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
        }

        value = 0;
        return FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Whether a plain scalar with this text would be read as something other than a string, so the writer
    /// must quote it. YAML 1.1 booleans (yes, no, on, off) count too, for other readers' sake.
    /// </summary>
    public static bool NeedsQuotes(string text) =>
        IsNullToken(text)
        || TryParseBoolean(text, out _)
        || TryParseNumber(text, out _)
        || text.ToUpperInvariant() is "YES" or "NO" or "ON" or "OFF" or "Y" or "N"
        || text.Trim().Length != text.Length;

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
