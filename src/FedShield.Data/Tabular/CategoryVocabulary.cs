namespace FedShield.Data.Tabular;

/// <summary>
/// The categories of one categorical attribute, in order of first appearance in the training file, for
/// one-hot encoding. A category absent from the vocabulary (seen only in test data) encodes as all zeros.
/// </summary>
public sealed class CategoryVocabulary
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    /// <summary>Creates an empty vocabulary for the attribute <paramref name="attribute"/>.</summary>
    public CategoryVocabulary(string attribute)
    {
        Attribute = attribute;
    }

    /// <summary>The attribute's name.</summary>
    public string Attribute { get; }

    /// <summary>The categories, in the order of their one-hot columns.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>Number of categories (one-hot columns).</summary>
    public int Count => _values.Count;

    /// <summary>Adds <paramref name="value"/> if it is new.</summary>
    public void Add(string value)
    {
        if (!_index.ContainsKey(value))
        {
            _index[value] = _values.Count;
            _values.Add(value);
        }
    }

    /// <summary>The column of <paramref name="value"/>, or −1 when it is not in the vocabulary.</summary>
    public int IndexOf(string value) => _index.TryGetValue(value, out int i) ? i : -1;

    /// <summary>Writes the one-hot encoding of <paramref name="value"/> into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public void Encode(string value, Span<float> destination)
    {
        destination[..Count].Clear();
        int i = IndexOf(value);
        if (i >= 0)
        {
            destination[i] = 1f;
        }
    }

    /// <summary>Feature names of the one-hot columns: <c>attribute=value</c>.</summary>
    public IEnumerable<string> FeatureNames() => _values.Select(v => $"{Attribute}={v}");
}
