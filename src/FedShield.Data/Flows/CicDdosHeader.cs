namespace FedShield.Data.Flows;

/// <summary>The roles of the columns of a CICFlowMeter CSV header: label, de-duplication key, dropped identifiers, features.</summary>
internal sealed class CicDdosHeader
{
    /// <summary>The columns forming the de-duplication key, in key order.</summary>
    public static readonly string[] KeyColumns = ["Unnamed: 0", "Flow ID", "Timestamp"];

    /// <summary>Identifier and free-text columns that are not features (the key columns among them).</summary>
    public static readonly string[] IdentifierColumns = ["Unnamed: 0", "Flow ID", "Source IP", "Destination IP", "Timestamp", "SimillarHTTP"];

    private const string LabelColumn = "Label";

    private CicDdosHeader(string[] names, int labelColumn, int[] keyColumns, int[] featureSlot, string[] featureNames, string[] droppedNames)
    {
        Names = names;
        LabelColumnIndex = labelColumn;
        KeyColumnIndices = keyColumns;
        FeatureSlot = featureSlot;
        FeatureNames = featureNames;
        DroppedNames = droppedNames;
    }

    /// <summary>Trimmed header names.</summary>
    public string[] Names { get; }

    /// <summary>The column of the label.</summary>
    public int LabelColumnIndex { get; }

    /// <summary>The columns of <see cref="KeyColumns"/>.</summary>
    public int[] KeyColumnIndices { get; }

    /// <summary>For each column, its index among the features, or −1.</summary>
    public int[] FeatureSlot { get; }

    /// <summary>Names of the feature columns, in header order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>Names of the dropped identifier columns, in header order.</summary>
    public string[] DroppedNames { get; }

    /// <summary>Splits and trims a header line.</summary>
    public static string[] SplitNames(string line)
    {
        var names = line.Split(',');
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = names[i].Trim();
        }

        return names;
    }

    /// <summary>Assigns roles to the columns of <paramref name="names"/>, read from <paramref name="file"/>.</summary>
    /// <exception cref="DataFormatException">The label or a key column is missing, or a name repeats.</exception>
    public static CicDdosHeader Parse(string file, string[] names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in names)
        {
            if (!seen.Add(n))
            {
                throw new DataFormatException(file, "line 1", $"header names column '{n}' twice; expected distinct column names.");
            }
        }

        int label = Find(file, names, LabelColumn);
        var key = new int[KeyColumns.Length];
        for (int k = 0; k < key.Length; k++)
        {
            key[k] = Find(file, names, KeyColumns[k]);
        }

        var slot = new int[names.Length];
        var features = new List<string>();
        var dropped = new List<string>();
        for (int c = 0; c < names.Length; c++)
        {
            bool identifier = IdentifierColumns.Contains(names[c], StringComparer.OrdinalIgnoreCase);
            if (c == label || identifier)
            {
                slot[c] = -1;
                if (identifier)
                {
                    dropped.Add(names[c]);
                }
            }
            else
            {
                slot[c] = features.Count;
                features.Add(names[c]);
            }
        }

        return new CicDdosHeader(names, label, key, slot, [.. features], [.. dropped]);
    }

    /// <summary>Checks that another file's trimmed header names equal these, ignoring case.</summary>
    /// <exception cref="DataFormatException">The headers differ.</exception>
    public void EnsureSame(string file, string[] names, string firstFile)
    {
        if (names.Length != Names.Length)
        {
            throw new DataFormatException(file, "line 1", $"header has {names.Length} columns; expected the {Names.Length} columns of {firstFile}.");
        }

        for (int c = 0; c < names.Length; c++)
        {
            if (!string.Equals(names[c], Names[c], StringComparison.OrdinalIgnoreCase))
            {
                throw new DataFormatException(file, "line 1", $"header column {c + 1} is '{names[c]}'; expected '{Names[c]}' as in {firstFile}.");
            }
        }
    }

    private static int Find(string file, string[] names, string name)
    {
        int i = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : throw new DataFormatException(file, "line 1", $"header has no '{name}' column; expected a CICFlowMeter header with '{string.Join("', '", KeyColumns)}' and '{LabelColumn}'.");
    }
}
