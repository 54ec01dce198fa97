using System.Globalization;
using FedShield.Data.Tabular;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Data.Tests.Tabular;

public class TabularParsingTests
{
    [Fact]
    public void TryParsePlainDecimal_GeneratedDecimals_AreBitIdenticalToDoubleParse()
    {
        var decimals = from digits in Gen.ArrayOf(Gen.Choose(0, 9)).Where(d => d.Length is >= 1 and <= 15)
                       from point in Gen.Choose(-1, digits.Length)
                       select point < 0
                           ? string.Concat(digits)
                           : string.Concat(digits[..point]) + "." + string.Concat(digits[point..]);
        Prop.ForAll(decimals.ToArbitrary(), text =>
        {
            bool fast = TabularParsing.TryParsePlainDecimal(text, out double value);
            double reference = double.Parse(text, CultureInfo.InvariantCulture);
            return fast && BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(reference);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("0.17", 0.17)]
    [InlineData("491", 491.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("999999999999999", 999999999999999.0)]
    public void TryParsePlainDecimal_PlainText_ParsesExactly(string text, double expected)
    {
        Assert.True(TabularParsing.TryParsePlainDecimal(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("1 2")]
    [InlineData("1234567890123456")]
    public void TryParsePlainDecimal_OtherText_DefersToTheGeneralParser(string text)
    {
        Assert.False(TabularParsing.TryParsePlainDecimal(text, out _));
    }

    [Fact]
    public void ParseNumber_GeneralForms_ParseAndGarbageThrowsWithLine()
    {
        Assert.Equal(-1.5e3, TabularParsing.ParseNumber("-1.5e3", "x", "f.csv", 1));
        Assert.Equal(12345678901234567.0, TabularParsing.ParseNumber("12345678901234567", "x", "f.csv", 1));
        var e = Assert.Throws<DataFormatException>(() => TabularParsing.ParseNumber("Infinity", "rate", "f.csv", 7));
        Assert.Equal("f.csv: line 7: rate is 'Infinity', expected a finite decimal number.", e.Message);
    }

    [Fact]
    public void Split_TrimmedFields_AndWrongCountThrows()
    {
        Span<Range> fields = stackalloc Range[3];
        string line = "a, b ,c";
        TabularParsing.Split(line, ',', fields, "f.csv", 4);
        Assert.Equal("b", line[fields[1]]);
        Assert.Equal("c", line[fields[2]]);
        var e = Assert.Throws<DataFormatException>(() => TabularParsing.Split("a,b,c,d", ',', new Range[3], "f.csv", 4));
        Assert.Equal("f.csv: line 4: found 4 fields separated by ',', expected 3.", e.Message);
    }
}
