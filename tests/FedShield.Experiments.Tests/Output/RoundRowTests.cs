using FedShield.Experiments.Output;

namespace FedShield.Experiments.Tests.Output;

public class RoundRowTests
{
    [Fact]
    public void FromNumber_NaN_IsNullAndInfinityIsKept()
    {
        Assert.Equal(RoundValueKind.Null, RoundValue.FromNumber(double.NaN).Kind);
        Assert.True(double.IsNaN(RoundValue.FromNumber(double.NaN).AsNumber()));
        Assert.Equal(double.PositiveInfinity, RoundValue.FromNumber(double.PositiveInfinity).AsNumber());
        Assert.Equal(RoundValue.Null, RoundValue.FromText(null));
        Assert.Equal(RoundValue.Null, RoundValue.FromNumbers(null));
    }

    [Fact]
    public void Equals_ArraysWithNaN_CompareByContent()
    {
        var a = RoundValue.FromNumbers([0.5, double.NaN]);
        var b = RoundValue.FromNumbers([0.5, double.NaN]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, RoundValue.FromNumbers([0.5, 0.1]));
        Assert.NotEqual(RoundValue.FromInteger(3), RoundValue.FromNumber(3));
    }

    [Fact]
    public void AsText_OnNumber_ThrowsNamingTheValue()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RoundValue.FromNumber(1.5).AsText());
        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_ExistingField_ReplacesInPlaceAndNewFieldsGoLast()
    {
        var row = new RoundRow().SetInteger("round", 1).SetNumber("a", 1).SetNumber("b", 2);
        row.SetNumber("a", 5).SetText("c", "x");
        Assert.Equal(["round", "a", "b", "c"], row.Fields.Select(f => f.Name));
        Assert.Equal(5, row.GetNumber("a"));
        Assert.True(double.IsNaN(row.GetNumber("missing")));
        Assert.Equal(7, row.GetInteger("missing", 7));
    }

    [Fact]
    public void Set_NameWithSpace_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RoundRow().SetNumber("bad name", 1));
        Assert.Throws<ArgumentException>(() => new RoundRow().SetNumber("", 1));
    }

    [Fact]
    public void Round_Missing_ThrowsSayingSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RoundRow().SetNumber("a", 1).Round);
        Assert.Contains("round", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRow_Record_WritesFixedFieldsInCanonicalOrder()
    {
        var row = new RoundResult { Round = 4, ClientsSelected = 3, ClientsSucceeded = 3, TestAccuracy = 0.5 }.ToRow();
        Assert.Equal(RoundFields.Fixed, row.Fields.Select(f => f.Name));
        Assert.Equal(4, row.Round);
        Assert.Equal("applied", row.GetText(RoundFields.Status));
        Assert.True(row.Get(RoundFields.TestLoss).IsNull);
        Assert.True(row.Get(RoundFields.PerClassAccuracy).IsNull);
        Assert.Equal(RoundValueKind.Integral, row.Get(RoundFields.BytesSent).Kind);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("clients")]
    [InlineData("accuracy")]
    [InlineData("bytes")]
    [InlineData("time")]
    public void ToRow_OutOfRange_ThrowsNamingTheProperty(string what)
    {
        var record = new RoundResult { Round = 1, ClientsSelected = 2, ClientsSucceeded = 2 };
        (record, string property) = what switch
        {
            "status" => (record with { Status = "done" }, "Status"),
            "clients" => (record with { ClientsFailed = 1 }, "ClientsSucceeded"),
            "accuracy" => (record with { TestAccuracy = 1.5 }, "TestAccuracy"),
            "bytes" => (record with { BytesSent = 10, BytesSentTotal = 5 }, "BytesSentTotal"),
            _ => (record with { TimeTrainSeconds = -1 }, "TimeTrainSeconds"),
        };
        var error = Assert.Throws<ArgumentException>(() => record.ToRow());
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }
}
