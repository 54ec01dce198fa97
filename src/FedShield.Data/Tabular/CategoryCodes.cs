namespace FedShield.Data.Tabular;

/// <summary>
/// Interns the raw values of one categorical attribute as small integer codes while files are parsed, so a
/// row stores an <c>int</c> per categorical cell and a repeated value costs no string allocation. Codes are
/// shared by every file of a dataset; which codes become one-hot columns is decided later from the training
/// rows alone (<see cref="TabularEncoder"/>).
/// </summary>
internal sealed class CategoryCodes
{
    /// <summary>The code of a missing cell (<c>?</c> in Adult).</summary>
    public const int Missing = -1;

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];

    public CategoryCodes(string attribute)
    {
        Attribute = attribute;
        _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Attribute { get; }

    /// <summary>Number of distinct values seen so far.</summary>
    public int Count => _values.Count;

    /// <summary>The value of <paramref name="code"/>.</summary>
    public string this[int code] => _values[code];

    /// <summary>The code of <paramref name="value"/>, assigning the next free one when it is new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out int code))
        {
            return code;
        }

        code = _values.Count;
        string text = value.ToString();
        _codes.Add(text, code);
        _values.Add(text);
        return code;
    }
}
