using FedShield.Experiments.Config.Yaml;

namespace FedShield.Experiments.Config.Schema;

/// <summary>Turns the YAML node given for a key into the key's typed value, or says why it cannot.</summary>
internal static class ValueReader
{
    /// <summary>
    /// Reads <paramref name="node"/> as a value of <paramref name="key"/>: int, long, double, bool or string
    /// (a choice key's token), or null for a null on a nullable key. Returns the error message, or null on success.
    /// </summary>
    public static string? Read(ConfigKey key, TreeNode node, out object? value)
    {
        value = null;
        if (node is not TreeScalar scalar)
        {
            return $"expected {key.Expected}, got {node.Describe()}";
        }

        if (scalar.IsNull)
        {
            return key.Nullable ? null : $"expected {key.Expected}, got null";
        }

        string text = scalar.Text;
        switch (key.Kind)
        {
            case ValueKind.Integer or ValueKind.Long:
                if (scalar.IsQuoted || !ScalarSyntax.TryParseInteger(text, out long integer))
                {
                    return $"expected {key.Expected}, got {scalar.Describe()}";
                }

                if (key.Kind == ValueKind.Integer)
                {
                    if (key.RangeError(integer) is { } rangeError)
                    {
                        return rangeError;
                    }

                    if (integer is > int.MaxValue or < int.MinValue)
                    {
                        return $"expected {key.Expected} and at most {int.MaxValue}, got {text}";
                    }

                    value = (int)integer;
                }
                else
                {
                    value = integer;
                }

                return null;

            case ValueKind.Number:
                if (scalar.IsQuoted || !ScalarSyntax.TryParseNumber(text, out double number))
                {
                    return $"expected {key.Expected}, got {scalar.Describe()}";
                }

                value = number;
                return key.RangeError(number);

            case ValueKind.Boolean:
                if (scalar.IsQuoted || !ScalarSyntax.TryParseBoolean(text, out bool flag))
                {
                    return $"expected {key.Expected}, got {scalar.Describe()}";
                }

                value = flag;
                return null;

            case ValueKind.Choice:
                if (key.Choices!.Contains(text, StringComparer.Ordinal))
                {
                    value = text;
                    return null;
                }

                string? suggestion = NameSuggester.Suggest(text, key.Choices!);
                return $"expected {key.Expected}, got {scalar.Describe()}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");

            default:
                value = text;
                return key.TextError(text);
        }
    }
}
