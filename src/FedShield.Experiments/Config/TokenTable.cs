namespace FedShield.Experiments.Config;

/// <summary>The YAML spellings of one enum's values, in declaration order.</summary>
internal sealed class TokenTable<T>
    where T : struct, Enum
{
    private readonly (string Token, T Value)[] _pairs;

    public TokenTable(params (string Token, T Value)[] pairs)
    {
        _pairs = pairs;
        Tokens = [.. pairs.Select(p => p.Token)];
    }

    /// <summary>Every spelling, in declaration order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public string ToToken(T value)
    {
        foreach (var (token, v) in _pairs)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return token;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no value {value}");
    }

    public bool TryParse(string token, out T value)
    {
        foreach (var (t, v) in _pairs)
        {
            if (string.Equals(t, token, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    public T Parse(string token) =>
        TryParse(token, out var value)
            ? value
            : throw new ArgumentException($"'{token}' is not one of {string.Join(", ", Tokens)}", nameof(token));
}
