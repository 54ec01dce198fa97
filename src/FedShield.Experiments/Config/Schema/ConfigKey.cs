using System.Globalization;

namespace FedShield.Experiments.Config.Schema;

/// <summary>
/// One leaf key of the experiment file: its dotted path, type, allowed range, default and how to read it
/// back from a config. The same key object validates the YAML value (with its position) and the record
/// constructor argument (with an exception), so both say the same thing.
/// </summary>
internal sealed class ConfigKey
{
    private ConfigKey(
        string path,
        ValueKind kind,
        Func<ExperimentConfig, object?> getter,
        object? defaultValue = null,
        Interval? range = null,
        IReadOnlyList<string>? choices = null,
        bool required = false,
        bool nullable = false)
    {
        Path = path;
        Kind = kind;
        Range = range;
        Choices = choices;
        Required = required;
        Nullable = nullable;
        Default = defaultValue;
        Get = getter;
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        Section = dot < 0 ? "" : path[..dot];
        Name = dot < 0 ? path : path[(dot + 1)..];
        Expected = Describe();
    }

    /// <summary>The dotted path, e.g. <c>training.batch_size</c>.</summary>
    public string Path { get; }

    /// <summary>The section (<c>training</c>), or "" for a top-level key.</summary>
    public string Section { get; }

    /// <summary>The key within its section (<c>batch_size</c>).</summary>
    public string Name { get; }

    public ValueKind Kind { get; }

    public Interval? Range { get; }

    public IReadOnlyList<string>? Choices { get; }

    /// <summary>Whether a file must set the key.</summary>
    public bool Required { get; }

    /// <summary>Whether null is a legal value (meaning "not set").</summary>
    public bool Nullable { get; }

    /// <summary>The value used when the key is absent (a token string for choice keys).</summary>
    public object? Default { get; }

    /// <summary>The key's resolved value in a config: int, long, double, bool, string (tokens for enums) or null.</summary>
    public Func<ExperimentConfig, object?> Get { get; }

    /// <summary>What a legal value looks like, for messages: "an integer &gt;= 1", "a number in (0, 1]".</summary>
    public string Expected { get; }

    public static ConfigKey Integer(string path, Interval range, int? defaultValue, Func<ExperimentConfig, object?> getter, bool required = false, bool nullable = false) =>
        new(path, ValueKind.Integer, getter, defaultValue, range, required: required, nullable: nullable);

    public static ConfigKey Long(string path, long defaultValue, Func<ExperimentConfig, object?> getter) =>
        new(path, ValueKind.Long, getter, defaultValue);

    public static ConfigKey Number(string path, Interval range, double? defaultValue, Func<ExperimentConfig, object?> getter, bool nullable = false) =>
        new(path, ValueKind.Number, getter, defaultValue, range, nullable: nullable);

    public static ConfigKey Boolean(string path, bool defaultValue, Func<ExperimentConfig, object?> getter) =>
        new(path, ValueKind.Boolean, getter, defaultValue);

    public static ConfigKey Text(string path, string? defaultValue, Func<ExperimentConfig, object?> getter, bool required = false, bool nullable = false) =>
        new(path, ValueKind.Text, getter, defaultValue, required: required, nullable: nullable);

    public static ConfigKey Identifier(string path, Func<ExperimentConfig, object?> getter) =>
        new(path, ValueKind.Name, getter);

    public static ConfigKey Choice(string path, IReadOnlyList<string> choices, string defaultValue, Func<ExperimentConfig, object?> getter) =>
        new(path, ValueKind.Choice, getter, defaultValue, choices: choices);

    /// <summary>Why an in-type value is illegal, or null when it is within range.</summary>
    public string? RangeError(double value)
    {
        if (Kind == ValueKind.Number && !double.IsFinite(value))
        {
            return $"expected a finite number{(Range is null ? "" : " " + Range.Describe())}, got {Format(value)}";
        }

        if (Range is null || Range.Contains(value))
        {
            return null;
        }

        if (Kind == ValueKind.Integer)
        {
            return $"expected {Expected}, got {Format(value)}";
        }

        return $"must be {Range.Describe()}, got {Format(value)}";
    }

    /// <summary>Why a text value is illegal, or null when it is fine.</summary>
    public string? TextError(string? value)
    {
        if (value is null)
        {
            return Nullable ? null : $"expected {Expected}, got null";
        }

        if (Kind == ValueKind.Name && !IsValidName(value))
        {
            return $"expected {Expected}, got '{value}'";
        }

        return string.IsNullOrWhiteSpace(value) ? $"expected {Expected}, got '{value}'" : null;
    }

    /// <summary>Throws the key's range error for a constructor argument.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the key's range.</exception>
    public void Check(double value, string paramName)
    {
        if (RangeError(value) is { } message)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{Path}: {message}");
        }
    }

    /// <summary>Throws the key's range error for an optional constructor argument (null passes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the key's range.</exception>
    public void Check(double? value, string paramName)
    {
        if (value is { } v)
        {
            Check(v, paramName);
        }
    }

    /// <summary>Throws when a constructor argument is not one of the key's choices.</summary>
    /// <exception cref="ArgumentException">The value is not one of the choices.</exception>
    public void CheckChoice(string? value, string paramName)
    {
        if (value is null || Choices is null || !Choices.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{Path}: expected {Expected}, got '{value}'", paramName);
        }
    }

    /// <summary>Throws the key's text error for a constructor argument.</summary>
    /// <exception cref="ArgumentException">The text is null, blank or not a valid name.</exception>
    public void CheckText(string? value, string paramName)
    {
        if (TextError(value) is { } message)
        {
            throw new ArgumentException($"{Path}: {message}", paramName);
        }
    }

    /// <summary>Letters, digits, '.', '-', '_', starting with a letter or digit: safe inside a directory name.</summary>
    public static bool IsValidName(string value) =>
        value.Length is > 0 and <= 100
        && char.IsAsciiLetterOrDigit(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>A number as messages show it: 0, 1.5, 1E-05.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private string Describe()
    {
        string range = Range is null ? "" : " " + Range.Describe();
        return Kind switch
        {
            ValueKind.Integer or ValueKind.Long => "an integer" + range,
            ValueKind.Number => "a number" + range,
            ValueKind.Boolean => "true or false",
            ValueKind.Text => "a non-empty string",
            ValueKind.Name => "a name of letters, digits, '.', '-' and '_' starting with a letter or digit",
            ValueKind.Choice => "one of " + string.Join(", ", Choices!),
            _ => throw new InvalidOperationException($"unknown kind {Kind}"),
        };
    }
}
