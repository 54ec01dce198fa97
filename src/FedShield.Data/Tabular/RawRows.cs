using System.Runtime.InteropServices;

namespace FedShield.Data.Tabular;

/// <summary>
/// Parsed rows of a tabular file before encoding: numeric cells as doubles (NaN when missing), categorical
/// cells as <see cref="CategoryCodes"/> codes (<see cref="CategoryCodes.Missing"/> when missing), one label
/// per row. Both matrices are row-major.
/// </summary>
internal sealed class RawRows
{
    private readonly List<double> _numbers;
    private readonly List<int> _codes;
    private readonly List<int> _labels;

    public RawRows(int numericCount, int categoricalCount, int capacity = 0)
    {
        NumericCount = numericCount;
        CategoricalCount = categoricalCount;
        _numbers = new List<double>(capacity * numericCount);
        _codes = new List<int>(capacity * categoricalCount);
        _labels = new List<int>(capacity);
    }

    public int NumericCount { get; }

    public int CategoricalCount { get; }

    public int Count => _labels.Count;

    /// <summary>Numeric cells: (Count, NumericCount), NaN where missing.</summary>
    public Span<double> Numbers => CollectionsMarshal.AsSpan(_numbers);

    /// <summary>Categorical codes: (Count, CategoricalCount), <see cref="CategoryCodes.Missing"/> where missing.</summary>
    public Span<int> Codes => CollectionsMarshal.AsSpan(_codes);

    public ReadOnlySpan<int> Labels => CollectionsMarshal.AsSpan(_labels);

    public void Add(ReadOnlySpan<double> numbers, ReadOnlySpan<int> codes, int label)
    {
        _numbers.AddRange(numbers);
        _codes.AddRange(codes);
        _labels.Add(label);
    }

    /// <summary>Whether any cell of row <paramref name="row"/> is missing.</summary>
    public bool HasMissing(int row)
    {
        foreach (double x in Numbers.Slice(row * NumericCount, NumericCount))
        {
            if (double.IsNaN(x))
            {
                return true;
            }
        }

        return Codes.Slice(row * CategoricalCount, CategoricalCount).Contains(CategoryCodes.Missing);
    }

    /// <summary>The rows without any missing cell, in order.</summary>
    public RawRows WithoutMissing()
    {
        var keep = new List<int>(Count);
        for (int r = 0; r < Count; r++)
        {
            if (!HasMissing(r))
            {
                keep.Add(r);
            }
        }

        return Select(CollectionsMarshal.AsSpan(keep));
    }

    /// <summary>Copies of the rows at <paramref name="rows"/>, in that order.</summary>
    public RawRows Select(ReadOnlySpan<int> rows)
    {
        var result = new RawRows(NumericCount, CategoricalCount, rows.Length);
        foreach (int r in rows)
        {
            result.Add(Numbers.Slice(r * NumericCount, NumericCount), Codes.Slice(r * CategoricalCount, CategoricalCount), Labels[r]);
        }

        return result;
    }

    /// <summary>The rows of <paramref name="first"/> followed by those of <paramref name="second"/>.</summary>
    public static RawRows Concat(RawRows first, RawRows second)
    {
        var result = new RawRows(first.NumericCount, first.CategoricalCount, first.Count + second.Count);
        result._numbers.AddRange(first.Numbers);
        result._numbers.AddRange(second.Numbers);
        result._codes.AddRange(first.Codes);
        result._codes.AddRange(second.Codes);
        result._labels.AddRange(first.Labels);
        result._labels.AddRange(second.Labels);
        return result;
    }
}
