namespace FedShield.Data.Tabular;

/// <summary>Parsing and imputation for <see cref="AdultLoader"/>.</summary>
internal static class AdultParser
{
    private const int FieldCount = 15;

    private static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    private static readonly string[] Names =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
        "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country",
    ];

    /// <summary>The 14 attributes in file order, with fresh category codes.</summary>
    public static TabularAttribute[] CreateAttributes() =>
        [.. Names.Select(n => Categorical.Contains(n) ? TabularAttribute.Categorical(n) : TabularAttribute.Numeric(n))];

    /// <summary>Parses one Adult file; <c>?</c> cells become missing.</summary>
    public static RawRows Parse(string path, TabularAttribute[] attributes)
    {
        var rows = new RawRows(6, 8, capacity: 1 << 15);
        Span<Range> fields = stackalloc Range[FieldCount];
        Span<double> numbers = stackalloc double[6];
        Span<int> codes = stackalloc int[8];
        foreach (var (number, text) in TabularParsing.ReadLines(path))
        {
            if (text.StartsWith('|'))
            {
                continue;
            }

            var line = text.AsSpan();
            TabularParsing.Split(line, ',', fields, path, number);
            int n = 0;
            int c = 0;
            for (int a = 0; a < attributes.Length; a++)
            {
                var cell = line[fields[a]];
                var categories = attributes[a].Categories;
                if (categories is null)
                {
                    numbers[n++] = cell is "?" ? double.NaN : TabularParsing.ParseNumber(cell, attributes[a].Name, path, number);
                }
                else if (cell.IsEmpty)
                {
                    throw new DataFormatException(path, $"line {number}", $"{attributes[a].Name} is empty, expected a category or '?'.");
                }
                else
                {
                    codes[c++] = cell is "?" ? CategoryCodes.Missing : categories.GetOrAdd(cell);
                }
            }

            rows.Add(numbers, codes, ParseLabel(line[fields[FieldCount - 1]], path, number));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, "end of file", "no records; expected lines of 14 attributes and a label separated by ', '.");
        }

        return rows;
    }

    private static int ParseLabel(ReadOnlySpan<char> text, string path, int number)
    {
        var label = text.EndsWith('.') ? text[..^1] : text;
        return label switch
        {
            "<=50K" => 0,
            ">50K" => 1,
            _ => throw new DataFormatException(path, $"line {number}", $"label is '{text}', expected '<=50K' or '>50K' (optionally followed by '.')."),
        };
    }

    /// <summary>
    /// Fills missing cells of both splits with training statistics: the most frequent category (ties to the
    /// one seen first) or the mean. A categorical attribute missing from every training row stays missing
    /// (encodes as zeros).
    /// </summary>
    /// <exception cref="DataFormatException">A numeric attribute is missing from every training row.</exception>
    public static void Impute(TabularAttribute[] attributes, RawRows train, RawRows test, string trainPath)
    {
        int n = 0;
        int c = 0;
        foreach (var attribute in attributes)
        {
            if (attribute.Categories is { } categories)
            {
                var counts = new int[categories.Count];
                var cells = train.Codes;
                for (int r = 0; r < train.Count; r++)
                {
                    int code = cells[(r * train.CategoricalCount) + c];
                    if (code != CategoryCodes.Missing)
                    {
                        counts[code]++;
                    }
                }

                int mode = counts.Length == 0 ? -1 : Array.IndexOf(counts, counts.Max());
                if (mode >= 0 && counts[mode] > 0)
                {
                    Fill(train.Codes, train.CategoricalCount, c, CategoryCodes.Missing, mode);
                    Fill(test.Codes, test.CategoricalCount, c, CategoryCodes.Missing, mode);
                }

                c++;
            }
            else
            {
                double sum = 0;
                int present = 0;
                var cells = train.Numbers;
                for (int r = 0; r < train.Count; r++)
                {
                    double x = cells[(r * train.NumericCount) + n];
                    if (!double.IsNaN(x))
                    {
                        sum += x;
                        present++;
                    }
                }

                if (present == 0)
                {
                    throw new DataFormatException(trainPath, "all lines", $"every training value of {attribute.Name} is missing ('?'); expected at least one number to impute from.");
                }

                FillMissing(train.Numbers, train.NumericCount, n, sum / present);
                FillMissing(test.Numbers, test.NumericCount, n, sum / present);
                n++;
            }
        }
    }

    private static void Fill(Span<int> cells, int width, int column, int from, int to)
    {
        for (int i = column; i < cells.Length; i += width)
        {
            if (cells[i] == from)
            {
                cells[i] = to;
            }
        }
    }

    private static void FillMissing(Span<double> cells, int width, int column, double value)
    {
        for (int i = column; i < cells.Length; i += width)
        {
            if (double.IsNaN(cells[i]))
            {
                cells[i] = value;
            }
        }
    }
}
