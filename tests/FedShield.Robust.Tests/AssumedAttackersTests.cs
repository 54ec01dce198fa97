namespace FedShield.Robust.Tests;

public class AssumedAttackersTests
{
    [Fact]
    public void Count_ResolvesToItselfWhateverN()
    {
        var f = AssumedAttackers.Count(2);
        Assert.Equal(2, f.Resolve(5));
        Assert.Equal(2, f.Resolve(1000));
        Assert.False(f.IsFraction);
        Assert.Equal("f=2", f.ToString());
    }

    [Theory]
    [InlineData(0.2, 100, 20)]
    [InlineData(0.2, 50, 10)]
    [InlineData(0.2, 9, 1)]
    [InlineData(0.3, 10, 3)]
    [InlineData(0.1, 30, 3)]
    [InlineData(0.0, 100, 0)]
    [InlineData(0.49, 3, 1)]
    public void Fraction_ResolvesToFloorOfFractionTimesN(double fraction, int n, int expected)
    {
        Assert.Equal(expected, AssumedAttackers.Fraction(fraction).Resolve(n));
    }

    [Fact]
    public void Fraction_ToString_SaysPercentOfN()
    {
        Assert.Equal("f=20% of n", AssumedAttackers.Fraction(0.2).ToString());
        Assert.Equal("f=12.5% of n", AssumedAttackers.Fraction(0.125).ToString());
        Assert.True(AssumedAttackers.Fraction(0.2).IsFraction);
    }

    [Fact]
    public void Default_IsNoAttackers()
    {
        Assert.Equal(AssumedAttackers.Count(0), default);
        Assert.Equal(0, default(AssumedAttackers).Resolve(10));
    }

    [Fact]
    public void Equality_ComparesKindAndValue()
    {
        Assert.Equal(AssumedAttackers.Fraction(0.25), AssumedAttackers.Fraction(0.25));
        Assert.NotEqual(AssumedAttackers.Count(0), AssumedAttackers.Fraction(0));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Fraction_OutsideHalfOpenRange_Throws(double fraction)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => AssumedAttackers.Fraction(fraction));
        Assert.Equal("fraction", ex.ParamName);
    }

    [Fact]
    public void Count_Negative_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => AssumedAttackers.Count(-1));
        Assert.Equal("f", ex.ParamName);
    }

    [Fact]
    public void Resolve_NegativeN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AssumedAttackers.Fraction(0.1).Resolve(-1));
    }
}
