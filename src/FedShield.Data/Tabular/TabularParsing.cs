using System.Globalization;
using System.Text;

namespace FedShield.Data.Tabular;

/// <summary>
/// Span-based pieces of the dataset loaders' parsers: lines with their numbers, fields as ranges of the
/// line (no string per field), numbers parsed in the invariant culture. Every error names the file and line.
/// </summary>
internal static class TabularParsing
{
    private const int MaxPlainDigits = 15;

    // 10^0 .. 10^15, all exact in double.
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>The non-blank lines of <paramref name="path"/> with their 1-based numbers.</summary>
    public static IEnumerable<(int Number, string Text)> ReadLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="line"/> on <paramref name="separator"/> into exactly <c>fields.Length</c>
    /// trimmed fields.
    /// </summary>
    /// <exception cref="DataFormatException">The line has a different number of fields.</exception>
    public static void Split(ReadOnlySpan<char> line, char separator, Span<Range> fields, string path, int lineNumber)
    {
        int count = line.Count(separator) + 1;
        if (count != fields.Length)
        {
            throw new DataFormatException(path, $"line {lineNumber}", $"found {count} fields separated by '{separator}', expected {fields.Length}.");
        }

        line.Split(fields, separator, StringSplitOptions.TrimEntries);
    }

    /// <summary>Parses a finite decimal number (invariant culture, exponent allowed).</summary>
    /// <exception cref="DataFormatException">The text is not a finite number.</exception>
    public static double ParseNumber(ReadOnlySpan<char> text, string attribute, string path, int lineNumber)
    {
        if (TryParsePlainDecimal(text, out double plain))
        {
            return plain;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new DataFormatException(path, $"line {lineNumber}", $"{attribute} is '{text}', expected a finite decimal number.");
        }

        return value;
    }

    /// <summary>
    /// Fast path for the common unsigned <c>digits[.digits]</c> with at most 15 digits in all: the digits form
    /// an integer m &lt; 2^53 and the value is <c>m / 10^k</c>, one correctly rounded division of two exact
    /// doubles, hence bit-identical to <see cref="double.Parse(string, IFormatProvider)"/>. Returns false for
    /// anything else (signs, exponents, long mantissas), which the caller parses the general way.
    /// </summary>
    public static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        value = 0;
        foreach (char ch in text)
        {
            uint d = (uint)(ch - '0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
                if (fractionDigits >= 0)
                {
                    fractionDigits++;
                }
            }
            else if (ch == '.' && fractionDigits < 0)
            {
                fractionDigits = 0;
            }
            else
            {
                return false;
            }

            if (digits > MaxPlainDigits)
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = fractionDigits > 0 ? mantissa / PowersOfTen[fractionDigits] : mantissa;
        return true;
    }

    /// <summary>The path of <paramref name="file"/> in <paramref name="directory"/>, which must exist.</summary>
    /// <exception cref="FileNotFoundException">The file is absent; the message says where the dataset can be downloaded.</exception>
    public static string RequireFile(string directory, string file, string dataset, string source)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{dataset}: '{path}' does not exist; expected the file {file} of {source} in '{directory}'.", path);
        }

        return path;
    }
}
