using System.Collections.Frozen;

namespace FedShield.Data.Tabular;

/// <summary>
/// The standard map from NSL-KDD (and KDD'99 / DARPA 1998–99) attack names to the four attack categories,
/// covering every label of <c>KDDTrain+</c> and <c>KDDTest+</c>; category 0 is <c>normal</c>.
/// </summary>
/// <remarks>
/// Two entries are disputed in the literature. They follow the mapping behind the KDDTest+ category counts
/// most papers quote (normal 9,711, DoS 7,458, Probe 2,421, R2L 2,754, U2R 200): <c>worm</c> is R2L (some
/// works put it in DoS) and <c>httptunnel</c> is U2R (some put it in R2L). Both occur only in
/// <c>KDDTest+</c> (2 and 133 rows). <c>snmpgetattack</c> is R2L although its records
/// are indistinguishable from normal SNMP traffic (Tavallaee et al., 2009).
/// </remarks>
public static class NslKddCategories
{
    /// <summary>Category of normal traffic.</summary>
    public const int Normal = 0;

    /// <summary>Denial of service (neptune, smurf, ...).</summary>
    public const int DoS = 1;

    /// <summary>Probing / surveillance (satan, ipsweep, ...).</summary>
    public const int Probe = 2;

    /// <summary>Remote to local: unauthorised access from a remote machine (guess_passwd, warezmaster, ...).</summary>
    public const int R2L = 3;

    /// <summary>User to root: privilege escalation (buffer_overflow, rootkit, ...).</summary>
    public const int U2R = 4;

    private static readonly string[] CategoryNames = ["normal", "DoS", "Probe", "R2L", "U2R"];

    private static readonly FrozenDictionary<string, int> Map = Build();

    /// <summary>The category names, indexed by category: normal, DoS, Probe, R2L, U2R.</summary>
    public static IReadOnlyList<string> Names => CategoryNames;

    /// <summary>Every known label: <c>normal</c> and the attack names.</summary>
    public static IReadOnlyCollection<string> KnownLabels => Map.Keys;

    /// <summary>The category (0–4) of <paramref name="attack"/>, a label as written in the files (lower case).</summary>
    /// <exception cref="ArgumentException">The name is not a known NSL-KDD label.</exception>
    public static int CategoryOf(string attack)
    {
        ArgumentNullException.ThrowIfNull(attack);
        return Map.TryGetValue(attack, out int category)
            ? category
            : throw new ArgumentException($"'{attack}' is not an NSL-KDD label; expected 'normal' or one of the {Map.Count - 1} known attack names.", nameof(attack));
    }

    /// <summary>The category of <paramref name="attack"/>, or false when the name is unknown.</summary>
    public static bool TryGetCategory(string attack, out int category)
    {
        ArgumentNullException.ThrowIfNull(attack);
        return Map.TryGetValue(attack, out category);
    }

    /// <summary>The name of <paramref name="category"/>: <c>normal</c>, <c>DoS</c>, <c>Probe</c>, <c>R2L</c> or <c>U2R</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The category is outside [0, 5).</exception>
    public static string NameOf(int category) =>
        (uint)category < (uint)CategoryNames.Length
            ? CategoryNames[category]
            : throw new ArgumentOutOfRangeException(nameof(category), category, "An NSL-KDD category is in [0, 5): normal, DoS, Probe, R2L, U2R.");

    private static FrozenDictionary<string, int> Build()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal) { ["normal"] = Normal };
        Add(map, DoS, "back", "land", "neptune", "pod", "smurf", "teardrop", "apache2", "mailbomb", "processtable", "udpstorm");
        Add(map, Probe, "ipsweep", "nmap", "portsweep", "satan", "mscan", "saint");
        Add(map, R2L, "ftp_write", "guess_passwd", "imap", "multihop", "phf", "spy", "warezclient", "warezmaster", "named", "sendmail", "snmpgetattack", "snmpguess", "xlock", "xsnoop", "worm");
        Add(map, U2R, "buffer_overflow", "loadmodule", "perl", "rootkit", "ps", "sqlattack", "xterm", "httptunnel");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, int> map, int category, params string[] attacks)
    {
        foreach (string attack in attacks)
        {
            map.Add(attack, category);
        }
    }
}
