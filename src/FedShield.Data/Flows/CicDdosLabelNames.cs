using System.Text;

namespace FedShield.Data.Flows;

/// <summary>Label-name matching shared by the options and the loader.</summary>
internal static class CicDdosLabelNames
{
    /// <summary>The raw label of benign flows.</summary>
    public const string Benign = "BENIGN";

    /// <summary>The name reduced to its letters and digits, lower-cased: <c>UDP-lag</c> and <c>UDPLag</c> both give <c>udplag</c>.</summary>
    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char ch in name)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether <paramref name="label"/> is the benign label (case ignored).</summary>
    public static bool IsBenign(string label) => string.Equals(label, Benign, StringComparison.OrdinalIgnoreCase);
}
