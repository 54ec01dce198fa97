using static FedShield.Robust.Tests.DeltaCases;

namespace FedShield.Robust.Tests;

public class UpdateChecksTests
{
    [Fact]
    public void InClientOrder_Shuffled_SortsByClientId()
    {
        var sorted = UpdateChecks.InClientOrder([Update(7, 1f), Update(2, 2f), Update(5, 3f)], "test");

        Assert.Equal([2, 5, 7], sorted.Select(u => u.ClientId));
    }

    [Fact]
    public void InClientOrder_Empty_ThrowsInvalidOperationNamingAggregator()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => UpdateChecks.InClientOrder([], "krum-like"));
        Assert.Equal("krum-like needs at least one update", ex.Message);
    }

    [Fact]
    public void InClientOrder_NullList_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => UpdateChecks.InClientOrder(null!, "test"));

    [Fact]
    public void InClientOrder_BadUpdates_ThrowArgumentNamingTheClient()
    {
        Assert.Contains("client 3 has 1 values, expected 2", Message([Update(1, 1f, 2f), Update(3, 1f)]), StringComparison.Ordinal);
        Assert.Contains("client 4 has sample count 0", Message([Weighted(4, 0, 1f)]), StringComparison.Ordinal);
        Assert.Contains("client 6 has a non-finite value (NaN) at index 1", Message([Update(6, 1f, float.NaN)]), StringComparison.Ordinal);
        Assert.Contains("client 2 sent two updates", Message([Update(2, 1f), Update(1, 1f), Update(2, 1f)]), StringComparison.Ordinal);
    }

    private static string Message(Federation.Messages.ClientUpdate[] updates) =>
        Assert.Throws<ArgumentException>(() => UpdateChecks.InClientOrder(updates, "test")).Message;
}
