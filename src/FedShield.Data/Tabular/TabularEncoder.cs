namespace FedShield.Data.Tabular;

/// <summary>
/// Turns <see cref="RawRows"/> into float features, attribute by attribute in file order: a numeric
/// attribute gives one column, a categorical one a one-hot group over the categories of the training rows
/// (first-appearance order; a category absent from training encodes as all zeros, and so does a missing
/// cell). Numeric columns are then standardised with training statistics.
/// </summary>
internal sealed class TabularEncoder
{
    private readonly TabularAttribute[] _attributes;
    private readonly int[][] _columnOfCode;
    private readonly int[] _offsets;
    private readonly int[] _numericColumns;
    private readonly string[] _featureNames;

    private TabularEncoder(TabularAttribute[] attributes, int[][] columnOfCode, int[] offsets, int[] numericColumns, string[] featureNames)
    {
        _attributes = attributes;
        _columnOfCode = columnOfCode;
        _offsets = offsets;
        _numericColumns = numericColumns;
        _featureNames = featureNames;
    }

    /// <summary>Number of features per row.</summary>
    public int Width => _featureNames.Length;

    /// <summary>Feature names: the attribute name for a numeric column, <c>attribute=value</c> for a one-hot one.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>The feature columns that hold numeric attributes.</summary>
    public IReadOnlyList<int> NumericColumns => _numericColumns;

    /// <summary>Builds the one-hot vocabularies from the categories present in <paramref name="train"/>.</summary>
    public static TabularEncoder Fit(IReadOnlyList<TabularAttribute> attributes, RawRows train)
    {
        var attrs = attributes.ToArray();
        var columnOfCode = new int[attrs.Length][];
        var offsets = new int[attrs.Length];
        var numericColumns = new List<int>();
        var names = new List<string>();
        int categorical = 0;
        for (int a = 0; a < attrs.Length; a++)
        {
            offsets[a] = names.Count;
            var codes = attrs[a].Categories;
            if (codes is null)
            {
                numericColumns.Add(names.Count);
                names.Add(attrs[a].Name);
                continue;
            }

            var vocabulary = new CategoryVocabulary(attrs[a].Name);
            var map = new int[codes.Count];
            Array.Fill(map, -1);
            var cells = train.Codes;
            for (int r = 0; r < train.Count; r++)
            {
                int code = cells[(r * train.CategoricalCount) + categorical];
                if (code != CategoryCodes.Missing && map[code] < 0)
                {
                    vocabulary.Add(codes[code]);
                    map[code] = vocabulary.Count - 1;
                }
            }

            columnOfCode[a] = map;
            names.AddRange(vocabulary.FeatureNames());
            categorical++;
        }

        return new TabularEncoder(attrs, columnOfCode, offsets, [.. numericColumns], [.. names]);
    }

    /// <summary>Encodes <paramref name="rows"/> without standardising: (rows.Count, Width), row-major.</summary>
    /// <exception cref="InvalidOperationException">A numeric cell is still missing (the caller must drop or impute first).</exception>
    public float[] Encode(RawRows rows)
    {
        var features = new float[(long)rows.Count * Width];
        var numbers = rows.Numbers;
        var codes = rows.Codes;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = features.AsSpan(r * Width, Width);
            int numeric = r * rows.NumericCount;
            int categorical = r * rows.CategoricalCount;
            for (int a = 0; a < _attributes.Length; a++)
            {
                var map = _columnOfCode[a];
                if (map is null)
                {
                    double x = numbers[numeric++];
                    if (double.IsNaN(x))
                    {
                        throw new InvalidOperationException($"Numeric attribute '{_attributes[a].Name}' of row {r} is missing; drop or impute missing values before encoding.");
                    }

                    row[_offsets[a]] = (float)x;
                }
                else
                {
                    int code = codes[categorical++];
                    int column = (uint)code < (uint)map.Length ? map[code] : -1;
                    if (column >= 0)
                    {
                        row[_offsets[a] + column] = 1f;
                    }
                }
            }
        }

        return features;
    }

    /// <summary>
    /// Encodes both splits and standardises their numeric columns with the statistics of <paramref name="train"/>.
    /// </summary>
    public (float[] Train, float[] Test) EncodeStandardised(RawRows train, RawRows test)
    {
        var xTrain = Encode(train);
        var xTest = Encode(test);
        var standardizer = Standardizer.Fit(xTrain, Width, _numericColumns);
        standardizer.Apply(xTrain);
        standardizer.Apply(xTest);
        return (xTrain, xTest);
    }
}
