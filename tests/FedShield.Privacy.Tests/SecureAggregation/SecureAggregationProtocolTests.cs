using FedShield.Federation.Messages;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class SecureAggregationProtocolTests
{
    /// <summary>SecAgg+ with 12 neighbours on 20 clients: groups of 13 with threshold 7, so any 6 dropouts leave every group unmaskable.</summary>
    private static SecureAggregationOptions Options(SecureAggregationVariant variant) =>
        variant == SecureAggregationVariant.SecAgg ? new SecureAggregationOptions() : new SecureAggregationOptions(variant, neighbours: 12);

    [Theory]
    [InlineData(SecureAggregationVariant.SecAgg)]
    [InlineData(SecureAggregationVariant.SecAggPlus)]
    public async Task RunAsync_NoDropouts_SumEqualsThePlaintextFixedPointSumExactly(SecureAggregationVariant variant)
    {
        using var h = new SecAggHarness(20, Options(variant));
        var outcome = await h.RunAsync();

        Assert.NotNull(outcome.Aggregation);
        Assert.Null(outcome.SkipReason);
        Assert.Equal(Enumerable.Range(0, 20), outcome.Participants);
        Assert.Empty(outcome.Failures);
        Assert.Equal(h.ExpectedSum(outcome.Participants), h.Revealed);
        var aggregator = (CapturingAggregator)h.Aggregator;
        Assert.Equal(h.Honest.Sum(c => c.Samples), aggregator.TotalWeight);
        Assert.Equal(20, aggregator.Count);
        Assert.All(h.Honest, c => Assert.Equal(1, c.FitCalls));
        Assert.Equal(20, outcome.Metrics.GetOrNaN("secagg.survivors"));
        Assert.Equal(variant == SecureAggregationVariant.SecAgg ? 19 : 12, outcome.Metrics.GetOrNaN("secagg.neighbours"));
        Assert.Equal(variant == SecureAggregationVariant.SecAgg ? 11 : 7, outcome.Metrics.GetOrNaN("secagg.threshold"));
        Assert.Equal(32, outcome.Metrics.GetOrNaN("secagg.bits"));
        Assert.True(outcome.Metrics.GetOrNaN("secagg.error_bound") is > 0 and < 1e-6);
        Assert.True(outcome.Metrics.GetOrNaN("secagg.client_seconds_mean") > 0);
        Assert.True(outcome.Metrics.GetOrNaN("secagg.server_seconds") > 0);
        Assert.All(outcome.Participants, id => Assert.True(outcome.Traffic[id].Sent > 0 && outcome.Traffic[id].Received > 0));
    }

    [Theory]
    [InlineData(SecureAggregationVariant.SecAgg, 0, 0.1)]
    [InlineData(SecureAggregationVariant.SecAgg, 0, 0.3)]
    [InlineData(SecureAggregationVariant.SecAgg, 1, 0.1)]
    [InlineData(SecureAggregationVariant.SecAgg, 1, 0.3)]
    [InlineData(SecureAggregationVariant.SecAgg, 2, 0.1)]
    [InlineData(SecureAggregationVariant.SecAgg, 2, 0.3)]
    [InlineData(SecureAggregationVariant.SecAgg, 3, 0.1)]
    [InlineData(SecureAggregationVariant.SecAgg, 3, 0.3)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 0, 0.1)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 0, 0.3)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 1, 0.1)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 1, 0.3)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 2, 0.1)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 2, 0.3)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 3, 0.1)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 3, 0.3)]
    public async Task RunAsync_DropoutsAtAStage_SumIsExactOverTheInputsItHolds(SecureAggregationVariant variant, int stage, double fraction)
    {
        var droppers = new[] { 17, 3, 11, 8, 0, 14 }.Take((int)(fraction * 20)).ToHashSet();
        using var h = new SecAggHarness(20, Options(variant), (id, _, s) => s == stage && droppers.Contains(id));
        var outcome = await h.RunAsync();

        // A client that drops at stage 3 already sent its masked input: it is in the sum, and its
        // self-mask seed is rebuilt from the others' shares.
        var expected = Enumerable.Range(0, 20).Where(id => stage == 3 || !droppers.Contains(id)).ToArray();
        Assert.NotNull(outcome.Aggregation);
        Assert.Equal(expected, outcome.Participants);
        Assert.Equal(h.ExpectedSum(expected), h.Revealed);
        Assert.Equal(droppers.Order(), outcome.Failures.Select(f => f.ClientId).Order());
        Assert.All(outcome.Failures, f => Assert.Equal(FailureKind.Unavailable, f.Kind));
        Assert.All(outcome.Failures, f => Assert.Contains($"stage {stage}", f.Reason, StringComparison.Ordinal));
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(s == stage ? droppers.Count : 0, outcome.Metrics.GetOrNaN($"secagg.dropped_stage{s}"));
        }
    }

    [Fact]
    public async Task RunAsync_ClientDropsAfterSendingItsMaskedInput_ItsInputIsUnmaskedFromTheOthersShares()
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions(), (id, _, s) => id == 4 && s == 3);
        var outcome = await h.RunAsync();

        Assert.Contains(4, outcome.Participants);
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 6)), h.Revealed);
        Assert.Equal(1, outcome.Metrics.GetOrNaN("secagg.dropped_stage3"));
        Assert.DoesNotContain(h.Transport.Replies, r => r.ClientId == 4 && r is ProtocolReply { Stage: 3 });
    }

    [Theory]
    [InlineData(SecureAggregationVariant.SecAgg, 0, 0.1)]
    [InlineData(SecureAggregationVariant.SecAgg, 2, 0.3)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 1, 0.3)]
    [InlineData(SecureAggregationVariant.SecAggPlus, 3, 0.1)]
    public async Task RunAsync_DropoutsOverSeveralRounds_EachRoundIsExact(SecureAggregationVariant variant, int stage, double fraction)
    {
        using var h = new SecAggHarness(20, Options(variant), (id, round, s) => s == stage && (id + round) % 10 < fraction * 10);
        for (var round = 1; round <= 3; round++)
        {
            var outcome = await h.RunAsync(round);
            var expected = Enumerable.Range(0, 20).Where(id => stage == 3 || (id + round) % 10 >= fraction * 10).ToArray();
            Assert.Equal(expected, outcome.Participants);
            Assert.Equal(h.ExpectedSum(expected, round), h.Revealed);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RunAsync_FewerThanThresholdSurvivors_AbortsWithNothingRevealed(int stage)
    {
        // n = 10, t = 6: five dropouts leave five.
        using var h = new SecAggHarness(10, new SecureAggregationOptions(), (id, _, s) => s == stage && id % 2 == 1);
        var outcome = await h.RunAsync();

        Assert.Null(outcome.Aggregation);
        Assert.Empty(outcome.Participants);
        Assert.Contains($"stage {stage}", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Contains("only 5", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Contains("threshold 6", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Null(h.Revealed);
        Assert.Equal(0, ((CapturingAggregator)h.Aggregator).Calls);
        Assert.Equal(5, outcome.Metrics.GetOrNaN($"secagg.dropped_stage{stage}"));

        // Shares are requested only once enough masked inputs are in, and then from too few clients to rebuild anything.
        var unmaskRequests = h.Transport.Messages.Count(m => m.Stage == 3);
        Assert.Equal(stage == 3 ? 10 : 0, unmaskRequests);
        var revealed = h.Transport.Replies.OfType<ProtocolReply>().Count(r => r.Stage == 3);
        Assert.True(revealed < 6);
    }

    [Fact]
    public async Task RunAsync_SecAggPlusNeighbourhoodTooDepleted_AbortsNamingTheClient()
    {
        // Same seeded graph as the protocol will draw: drop three of client 0's four neighbours.
        var graph = NeighbourGraph.Draw(12, 4, new Random(7).Next);
        var victims = graph[0].Take(3).ToHashSet();
        var options = new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, neighbours: 4);
        using var h = new SecAggHarness(12, options, (id, _, s) => s == 2 && victims.Contains(id), randomBelow: new Random(7).Next);
        var outcome = await h.RunAsync();

        Assert.Null(outcome.Aggregation);
        Assert.Contains("stage 2", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Contains("client 0's group of 5", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Contains("threshold 3", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Null(h.Revealed);
    }

    [Fact]
    public async Task RunAsync_SecAggPlus_EachClientTalksOnlyToItsNeighbours()
    {
        using var h = new SecAggHarness(20, new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, neighbours: 4));
        var outcome = await h.RunAsync();
        Assert.NotNull(outcome.Aggregation);
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 20)), h.Revealed);

        var groups = new Dictionary<int, int[]>();
        foreach (var id in Enumerable.Range(0, 20))
        {
            var roster = Roster.Decode(h.Transport.MessageTo(id, 1, 1).Payload.Span, 20);
            Assert.Equal(5, roster.Entries.Count);
            groups[id] = [.. roster.Entries.Select(e => e.ClientId)];
            var boxes = AddressedBox.DecodeList(h.Transport.ReplyOf(id, 1, 1).Payload, "boxes");
            Assert.Equal(groups[id].Where(v => v != id).Order(), boxes.Select(b => b.PeerId).Order());
        }

        // Symmetric neighbourhoods.
        Assert.All(groups, g => Assert.All(g.Value, v => Assert.Contains(g.Key, groups[v])));
    }

    [Fact]
    public async Task RunAsync_NotEnoughRequiredReplies_AbortsEarly()
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions(), (id, _, s) => s == 1 && id < 2);
        var outcome = await h.RunAsync(requiredReplies: 5);
        Assert.Null(outcome.Aggregation);
        Assert.Contains("stage 1", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Contains("requires 5", outcome.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ThresholdCountAboveHalf_IsUsed_AndBelowHalfAborts()
    {
        using (var h = new SecAggHarness(6, new SecureAggregationOptions(thresholdCount: 6), (id, _, s) => s == 3 && id == 0))
        {
            var outcome = await h.RunAsync();
            Assert.Null(outcome.Aggregation);
            Assert.Contains("only 5 shares", outcome.SkipReason, StringComparison.Ordinal);
        }

        using (var h = new SecAggHarness(10, new SecureAggregationOptions(thresholdCount: 5)))
        {
            var outcome = await h.RunAsync();
            Assert.Null(outcome.Aggregation);
            Assert.Contains("not more than half", outcome.SkipReason, StringComparison.Ordinal);
            Assert.Empty(h.Transport.Messages);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(45)]
    [InlineData(64)]
    public async Task RunAsync_OtherRingWidths_StayExact(int bits)
    {
        using var h = new SecAggHarness(5, new SecureAggregationOptions(bits: bits, maxWeight: 8, clipRange: 0.5), (id, _, s) => id == 2 && s == 2);
        var outcome = await h.RunAsync();
        Assert.Equal(h.ExpectedSum([0, 1, 3, 4]), h.Revealed);
        Assert.Equal(bits, outcome.Metrics.GetOrNaN("secagg.bits"));
    }
}
