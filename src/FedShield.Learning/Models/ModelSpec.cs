namespace FedShield.Learning.Models;

/// <summary>
/// A model named as in configuration files and on the command line: <c>name</c> or
/// <c>name(key=value, key=[1,2], …)</c>, e.g. <c>mnist-cnn</c>, <c>mlp(hidden=[128,64])</c>.
/// Parsing checks only the syntax; <see cref="ModelCatalog"/> checks the name and the parameters.
/// Two specs are equal when their canonical texts (<see cref="ToString"/>) are.
/// </summary>
public sealed class ModelSpec : IEquatable<ModelSpec>
{
    private readonly SpecArgument[] _arguments;
    private readonly string _canonical;

    /// <summary>Creates a spec from a name (stored in lower case) and arguments with distinct keys.</summary>
    /// <exception cref="ArgumentException">The name is empty or a key appears twice.</exception>
    public ModelSpec(string name, params IReadOnlyList<SpecArgument> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(arguments);
        _arguments = [.. arguments];
        var duplicate = _arguments.GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"model '{name}': parameter '{duplicate.Key}' is given twice.", nameof(arguments));
        }

        Name = name.ToLowerInvariant();
        _canonical = _arguments.Length == 0 ? Name : $"{Name}({string.Join(", ", _arguments.Select(a => a.ToString()))})";
    }

    /// <summary>The model's name, in lower case.</summary>
    public string Name { get; }

    /// <summary>The arguments in the order written.</summary>
    public IReadOnlyList<SpecArgument> Arguments => _arguments;

    /// <summary>Parses <paramref name="text"/> (whitespace between tokens is allowed).</summary>
    /// <exception cref="FormatException">The text is not <c>name</c> or <c>name(key=value, …)</c>; the message gives the position and what was expected there.</exception>
    public static ModelSpec Parse(string text)
    {
        var (name, arguments) = SpecSyntax.Parse(text, "model spec");
        return new ModelSpec(name, arguments);
    }

    /// <summary>Parses <paramref name="text"/>, returning false with the reason instead of throwing.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? spec, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        try
        {
            spec = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            spec = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The argument named <paramref name="key"/> (case-insensitive), if given.</summary>
    public SpecArgument? Find(string key) =>
        Array.Find(_arguments, a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The canonical text: <c>name</c>, or <c>name(key=value, key=[a,b])</c> in the order written.</summary>
    public override string ToString() => _canonical;

    /// <inheritdoc />
    public bool Equals(ModelSpec? other) => other is not null && string.Equals(_canonical, other._canonical, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ModelSpec);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_canonical);
}
