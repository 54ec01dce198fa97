using FedShield.Federation.State;

namespace FedShield.Federation.Tests.State;

public class StateBagTests
{
    [Fact]
    public void MergeExtract_RoundTripsUnderPrefix()
    {
        var inner = new StateBag();
        inner.SetArray("m", [1f, 2f]);
        inner.SetValue("step", 7);
        inner.SetValue("lr", 0.1);
        var outer = new StateBag();
        outer.Merge("server.", inner);
        Assert.Equal([1f, 2f], outer.GetArray("server.m"));
        var back = outer.Extract("server.");
        Assert.Equal(7, back.GetInt64("step"));
        Assert.Equal(0.1, back.GetDouble("lr"));
        Assert.Equal([1f, 2f], back.GetArray("m"));
    }

    [Fact]
    public void Get_Missing_ThrowsNamingEntry()
    {
        Assert.Contains("'nope'", Assert.Throws<KeyNotFoundException>(() => new StateBag().GetArray("nope")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetArray_Copies()
    {
        float[] a = [1f];
        var bag = new StateBag();
        bag.SetArray("a", a);
        a[0] = 9f;
        Assert.Equal(1f, bag.GetArray("a")[0]);
    }
}
