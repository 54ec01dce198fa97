using System.Globalization;

namespace FedShield.Data.Tabular;

/// <summary>Parsing for <see cref="NslKddLoader"/>: 41 features, the attack name and the difficulty per line.</summary>
internal static class NslKddParser
{
    public const int FeatureCount = 41;
    private const int FieldCount = 43;
    private const int MaxDifficulty = 21;

    /// <summary>The 41 KDD'99 feature names in file order.</summary>
    public static readonly string[] FeatureNames =
    [
        "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment",
        "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted",
        "num_root", "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds",
        "is_host_login", "is_guest_login", "count", "srv_count", "serror_rate", "srv_serror_rate",
        "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate", "srv_diff_host_rate",
        "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate", "dst_host_diff_srv_rate",
        "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate", "dst_host_serror_rate",
        "dst_host_srv_serror_rate", "dst_host_rerror_rate", "dst_host_srv_rerror_rate",
    ];

    /// <summary>The attributes in file order: protocol_type, service and flag categorical, the rest numeric.</summary>
    public static TabularAttribute[] CreateAttributes() =>
        [.. FeatureNames.Select((n, i) => i is >= 1 and <= 3 ? TabularAttribute.Categorical(n) : TabularAttribute.Numeric(n))];

    /// <summary>
    /// Parses one file. Numeric features are stored as <c>log(1 + x)</c>; labels follow <paramref name="labels"/>.
    /// </summary>
    public static (RawRows Rows, int[] Difficulty, string[] Attacks) Parse(string path, TabularAttribute[] attributes, CategoryCodes attackCodes, List<int> attackCategories, NslKddLabels labels)
    {
        var rows = new RawRows(FeatureCount - 3, 3, capacity: 1 << 17);
        var difficulty = new List<int>(1 << 17);
        var attacks = new List<string>(1 << 17);
        Span<Range> fields = stackalloc Range[FieldCount];
        Span<double> numbers = stackalloc double[FeatureCount - 3];
        Span<int> codes = stackalloc int[3];
        foreach (var (number, text) in TabularParsing.ReadLines(path))
        {
            var line = text.AsSpan();
            TabularParsing.Split(line, ',', fields, path, number);
            int n = 0;
            int c = 0;
            for (int a = 0; a < FeatureCount; a++)
            {
                var cell = line[fields[a]];
                var categories = attributes[a].Categories;
                if (categories is not null)
                {
                    codes[c++] = cell.IsEmpty
                        ? throw new DataFormatException(path, $"line {number}", $"{attributes[a].Name} is empty, expected a category.")
                        : categories.GetOrAdd(cell);
                    continue;
                }

                double x = TabularParsing.ParseNumber(cell, attributes[a].Name, path, number);
                if (x < 0)
                {
                    throw new DataFormatException(path, $"line {number}", $"{attributes[a].Name} is {cell}, expected a number >= 0.");
                }

                numbers[n++] = double.LogP1(x);
            }

            int category = AttackCategory(line[fields[FieldCount - 2]], attackCodes, attackCategories, out string attack, path, number);
            int label = labels == NslKddLabels.Category ? category : (category == NslKddCategories.Normal ? 0 : 1);
            rows.Add(numbers, codes, label);
            attacks.Add(attack);
            difficulty.Add(ParseDifficulty(line[fields[FieldCount - 1]], path, number));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, "end of file", "no records; expected lines of 43 comma-separated fields.");
        }

        return (rows, [.. difficulty], [.. attacks]);
    }

    private static int AttackCategory(ReadOnlySpan<char> cell, CategoryCodes attackCodes, List<int> attackCategories, out string attack, string path, int number)
    {
        int code = attackCodes.GetOrAdd(cell);
        attack = attackCodes[code];
        if (code == attackCategories.Count)
        {
            if (!NslKddCategories.TryGetCategory(attack, out int category))
            {
                throw new DataFormatException(path, $"line {number}", $"attack label is '{attack}', expected 'normal' or a known NSL-KDD attack name (see NslKddCategories).");
            }

            attackCategories.Add(category);
        }

        return attackCategories[code];
    }

    private static int ParseDifficulty(ReadOnlySpan<char> cell, string path, int number)
    {
        if (!int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > MaxDifficulty)
        {
            throw new DataFormatException(path, $"line {number}", $"difficulty level is '{cell}', expected an integer in [0, {MaxDifficulty}].");
        }

        return value;
    }
}
