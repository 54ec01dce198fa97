using FedShield.Federation.Messages;
using FedShield.Federation.State;
using static FedShield.Robust.Tests.DeltaCases;

namespace FedShield.Robust.Tests;

public class FoolsGoldAggregatorStateTests
{
    // Round 1: c1 = (1, 0), c2 = (0, 1). Round 2: both send (0, 1).
    private static readonly ClientUpdate[] Round1 = [Update(1, 1, 0), Update(2, 0, 1)];
    private static readonly ClientUpdate[] Round2 = [Update(1, 0, 1), Update(2, 0, 1)];

    [Fact]
    public void Aggregate_History_TellsApartClientsWhoseCurrentUpdatesMatch()
    {
        // With history, round 2 compares H1 = (1, 1) and H2 = (0, 2): cs = 2 / (√2 · 2) = 1/√2 < 1, so
        // α = (1 − 1/√2) for both, normalised to 1 ⇒ weight 1 each ⇒ aggregate (0, 1).
        // Without history, round 2 compares two identical updates: both weight 0, the round is refused.
        var withHistory = new FoolsGoldAggregator();
        withHistory.Aggregate(Round1);
        var withoutHistory = new FoolsGoldAggregator(new FoolsGoldOptions { UseHistory = false });
        withoutHistory.Aggregate(Round1);

        var result = withHistory.Aggregate(Round2);

        Assert.Equal([0f, 1f], result.Delta);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.weight.c1"));
        Assert.Throws<InvalidOperationException>(() => withoutHistory.Aggregate(Round2));
    }

    [Fact]
    public void ExportState_AfterRounds_HoldsTheSumOfEachClientsUpdatesOverTheRange()
    {
        var aggregator = new FoolsGoldAggregator(new FoolsGoldOptions { SimilarityRange = 1.. });
        aggregator.Aggregate([Weighted(1, 9, 1, 1, 0), Weighted(3, 9, 0, 0, 1)]);
        aggregator.Aggregate([Weighted(1, 9, 5, 0.5f, 2), Weighted(4, 9, 1, 3, 3)]);

        var state = aggregator.ExportState();

        Assert.Equal(["h.1", "h.3", "h.4"], state.Arrays.Keys);
        Assert.Equal([1.5f, 2f], state.GetArray("h.1"));
        Assert.Equal([0f, 1f], state.GetArray("h.3"));
        Assert.Equal([3f, 3f], state.GetArray("h.4"));
        Assert.Equal(3, state.GetInt64("length"));
    }

    [Fact]
    public void ImportState_ExportedMidRun_ContinuesBitForBit()
    {
        var original = new FoolsGoldAggregator();
        original.Aggregate([Update(1, 0.3f, -1.1f, 2), Update(2, 0.2f, 0.4f, -0.7f), Update(5, 1, 1, 1)]);
        var resumed = new FoolsGoldAggregator();
        resumed.ImportState(original.ExportState());

        ClientUpdate[] next = [Update(1, 0.1f, 0.1f, 0.9f), Update(2, -0.5f, 0.25f, 0.3f), Update(7, 0.6f, -0.2f, 0.1f)];
        var expected = original.Aggregate(next);
        var actual = resumed.Aggregate(next);

        Assert.True(SameResult(expected, actual));
        Assert.Equal(original.ExportState().Arrays.Keys, resumed.ExportState().Arrays.Keys);
    }

    [Fact]
    public void ImportState_EmptyState_ClearsHistory()
    {
        var aggregator = new FoolsGoldAggregator();
        aggregator.Aggregate(Round1);

        aggregator.ImportState(new StateBag());

        Assert.Empty(aggregator.ExportState().Arrays);
        Assert.Throws<InvalidOperationException>(() => aggregator.Aggregate(Round2));
    }

    [Fact]
    public void ImportState_MismatchedHistoryLength_ThrowsAndKeepsHistory()
    {
        var aggregator = new FoolsGoldAggregator();
        aggregator.Aggregate(Round1);
        var state = aggregator.ExportState();
        state.SetArray("h.2", [1f, 2f, 3f]);

        var ex = Assert.Throws<ArgumentException>(() => aggregator.ImportState(state));

        Assert.Contains("client 2 has 3 values, expected 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal([0f, 1f], aggregator.ExportState().GetArray("h.2"));
    }

    [Fact]
    public void ImportState_LengthNotFittingRange_ThrowsArgument()
    {
        var state = new StateBag();
        state.SetValue("length", 10);
        state.SetArray("h.1", [1f, 2f]);

        var ex = Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator(new FoolsGoldOptions { SimilarityRange = ^3.. }).ImportState(state));
        Assert.Contains("expected 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.1")]
    [InlineData("h.one")]
    [InlineData("h.01")]
    public void ImportState_UnexpectedArrayName_ThrowsArgument(string name)
    {
        var state = new StateBag();
        state.SetValue("length", 2);
        state.SetArray(name, [1f, 2f]);

        var ex = Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator().ImportState(state));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportState_MissingLengthOrHistoryUnused_ThrowsArgument()
    {
        var noLength = new StateBag();
        noLength.SetArray("h.1", [1f, 2f]);
        var complete = new StateBag();
        complete.SetValue("length", 2);
        complete.SetArray("h.1", [1f, 2f]);
        var nonFinite = new StateBag();
        nonFinite.SetValue("length", 2);
        nonFinite.SetArray("h.1", [1f, float.NaN]);

        Assert.Contains("length", Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator().ImportState(noLength)).Message, StringComparison.Ordinal);
        Assert.Contains("UseHistory", Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator(new FoolsGoldOptions { UseHistory = false }).ImportState(complete)).Message, StringComparison.Ordinal);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator().ImportState(nonFinite)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_UpdatesOfAnotherLengthThanHistory_ThrowsArgument()
    {
        var aggregator = new FoolsGoldAggregator();
        aggregator.Aggregate(Round1);

        var ex = Assert.Throws<ArgumentException>(() => aggregator.Aggregate([Update(1, 1, 2, 3), Update(2, 3, 2, 1)]));
        Assert.Contains("2 values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_RefusedRound_LeavesHistoryUnchanged()
    {
        var aggregator = new FoolsGoldAggregator();
        aggregator.Aggregate([Update(1, 1, 0), Update(2, 1, 1)]);
        var before = aggregator.ExportState();

        // Both histories become (2, 0): c1 adds (1, 0) to (1, 0), c2 adds (1, −1) to (1, 1).
        Assert.Throws<InvalidOperationException>(() => aggregator.Aggregate([Update(1, 1, 0), Update(2, 1, -1)]));

        var after = aggregator.ExportState();
        Assert.Equal(before.Arrays.Keys, after.Arrays.Keys);
        Assert.All(before.Arrays, e => Assert.Equal(e.Value, after.GetArray(e.Key)));
    }

    [Fact]
    public void ExportState_WithoutHistory_IsEmpty()
    {
        var aggregator = new FoolsGoldAggregator(new FoolsGoldOptions { UseHistory = false });
        aggregator.Aggregate(Round1);

        var state = aggregator.ExportState();

        Assert.Empty(state.Arrays);
        Assert.Empty(state.Values);
    }
}
