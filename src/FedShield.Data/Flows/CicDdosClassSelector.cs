namespace FedShield.Data.Flows;

/// <summary>Decides which raw labels the class selection keeps, and checks afterwards that every requested class matched a label.</summary>
internal sealed class CicDdosClassSelector
{
    private readonly IReadOnlyList<string>? _requested;
    private readonly HashSet<string>? _normalized;
    private readonly Dictionary<string, bool> _decisions = new(StringComparer.Ordinal);

    public CicDdosClassSelector(IReadOnlyList<string>? requested)
    {
        _requested = requested;
        _normalized = requested is null ? null : new HashSet<string>(requested.Select(CicDdosLabelNames.Normalize), StringComparer.Ordinal);
    }

    /// <summary>Whether rows labelled <paramref name="label"/> are kept.</summary>
    public bool Keep(string label)
    {
        if (_normalized is null)
        {
            return true;
        }

        if (!_decisions.TryGetValue(label, out bool keep))
        {
            keep = _normalized.Contains(CicDdosLabelNames.Normalize(label));
            _decisions.Add(label, keep);
        }

        return keep;
    }

    /// <summary>Throws when a requested class matched none of <paramref name="labels"/> (every label read).</summary>
    /// <exception cref="ArgumentException">Names the class and lists the labels that exist.</exception>
    public void EnsureAllMatched(IReadOnlyCollection<string> labels, string paramName)
    {
        if (_requested is null)
        {
            return;
        }

        var present = new HashSet<string>(labels.Select(CicDdosLabelNames.Normalize), StringComparer.Ordinal);
        foreach (var c in _requested)
        {
            if (!present.Contains(CicDdosLabelNames.Normalize(c)))
            {
                throw new ArgumentException($"CIC-DDoS2019: no row is labelled '{c}' (matching ignores case and non-alphanumerics); the labels present are: {string.Join(", ", labels.Order(StringComparer.Ordinal))}.", paramName);
            }
        }
    }
}
