using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FedShield.Experiments.Output;

/// <summary>
/// The line format of <c>metrics.jsonl</c>: one JSON object per row, fields in row order. NaN is written as
/// null; infinities as the strings "Infinity" and "-Infinity" (JSON has no literal for them), which the reader
/// turns back into numbers. Doubles always carry a decimal point or exponent so that they read back as numbers
/// and integers as integers.
/// </summary>
public static class RoundRowJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The row as one JSON object (no line break).</summary>
    public static string Write(RoundRow row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var field in row.Fields)
            {
                writer.WritePropertyName(field.Name);
                WriteValue(writer, field.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses one line; throws <see cref="JsonException"/> or <see cref="FormatException"/> on anything else than an object of supported values.</summary>
    public static RoundRow Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Expected a JSON object but found {document.RootElement.ValueKind}.");
        }

        var row = new RoundRow();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (row.Contains(property.Name))
            {
                throw new FormatException($"Field '{property.Name}' appears twice.");
            }

            row.Set(property.Name, ReadValue(property.Name, property.Value));
        }

        return row;
    }

    /// <summary>A double in the shortest round-trip form, with ".0" added to integral values.</summary>
    public static string FormatDouble(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') < 0 ? text + ".0" : text;
    }

    private static void WriteValue(Utf8JsonWriter writer, RoundValue value)
    {
        switch (value.Kind)
        {
            case RoundValueKind.Null:
                writer.WriteNullValue();
                break;
            case RoundValueKind.Number:
                WriteDouble(writer, value.AsNumber());
                break;
            case RoundValueKind.Integral:
                writer.WriteNumberValue(value.AsInteger());
                break;
            case RoundValueKind.Text:
                writer.WriteStringValue(value.AsText());
                break;
            default:
                writer.WriteStartArray();
                foreach (double element in value.AsNumbers()!)
                {
                    WriteDouble(writer, element);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteNullValue();
        }
        else if (double.IsInfinity(value))
        {
            writer.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            writer.WriteRawValue(FormatDouble(value), skipInputValidation: true);
        }
    }

    private static RoundValue ReadValue(string name, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => RoundValue.Null,
        JsonValueKind.Number => ReadNumber(element),
        JsonValueKind.String => element.GetString() switch
        {
            "Infinity" => RoundValue.FromNumber(double.PositiveInfinity),
            "-Infinity" => RoundValue.FromNumber(double.NegativeInfinity),
            var text => RoundValue.FromText(text),
        },
        JsonValueKind.Array => RoundValue.FromNumbers(element.EnumerateArray().Select(e => ReadArrayElement(name, e)).ToArray()),
        _ => throw new FormatException($"Field '{name}' holds a JSON {element.ValueKind}; expected a number, string, null or array of numbers."),
    };

    private static RoundValue ReadNumber(JsonElement element)
    {
        string raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'E', 'e') < 0 && element.TryGetInt64(out long integer))
        {
            return RoundValue.FromInteger(integer);
        }

        return RoundValue.FromNumber(element.GetDouble());
    }

    private static double ReadArrayElement(string name, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when element.GetString() == "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when element.GetString() == "-Infinity" => double.NegativeInfinity,
        _ => throw new FormatException($"Field '{name}' has an array element of kind {element.ValueKind}; expected numbers or null."),
    };
}
