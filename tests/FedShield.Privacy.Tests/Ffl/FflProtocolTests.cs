using FedShield.Federation.Messages;
using FedShield.Federation.Strategies;
using FedShield.Privacy.Ffl;
using FedShield.Privacy.Tests.Niss;
using Xunit;

namespace FedShield.Privacy.Tests.Ffl;

public sealed class FflProtocolTests
{
    private static readonly long[] Samples6 = [10, 25, 40, 55, 70, 85];

    [Fact]
    public async Task RunAsync_AllHonestWithoutDefence_AggregateIsFedAvgOfTheOriginalsBitForBit()
    {
        using var h = new FflHarness(FflHarness.Deltas(6, 1001), Samples6, FflPairs.NoReputation(1001));
        var outcome = await h.RunAsync(1);

        Assert.NotNull(outcome.Aggregation);
        Assert.Equal(6, outcome.Participants.Count);
        var pairs = FflPairs.Of(h, 1);
        Assert.Equal(3, pairs.Count);
        Assert.Equal(FflPairs.Reference(h, pairs), outcome.Aggregation!.Delta);

        // Against the framework's FedAvg on the unscaled originals: the same mean up to float rounding.
        var fedAvg = new WeightedMeanAggregator().Aggregate([.. h.Inner.Select(c => new ClientUpdate(c.Id, 1, (float[])c.Delta.Clone(), UpdateKind.Delta, c.Samples, Federation.Metrics.MetricSet.Empty))]);
        var scale = fedAvg.Delta.Max(Math.Abs);
        Assert.All(fedAvg.Delta.Zip(outcome.Aggregation.Delta), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-6 * scale, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public async Task RunAsync_PartnersDiffer_EveryUploadDiffersFromEveryOriginal()
    {
        using var h = new FflHarness(FflHarness.Deltas(4, 512), [10, 20, 30, 40], FflPairs.NoReputation(512));
        await h.RunAsync(1);

        // What reaches the server on the wire: four uploads, none of which is anyone's scaled update.
        var uploads = h.Transport.Replies.Where(r => r.Stage is 3 or 4).Select(r => r.Payload.AsSpan(0, 512 * 4).ToArray()).ToList();
        Assert.Equal(4, uploads.Count);
        foreach (var id in h.Ids)
        {
            var original = System.Runtime.InteropServices.MemoryMarshal.AsBytes(h.Scaled(id).AsSpan()).ToArray();
            Assert.All(uploads, u => Assert.False(u.AsSpan().SequenceEqual(original)));
        }
    }

    [Fact]
    public async Task RunAsync_OddNumberOfParticipants_OneAbstainsAndTheRestAggregate()
    {
        using var h = new FflHarness(FflHarness.Deltas(5, 64), [10, 20, 30, 40, 50], FflPairs.NoReputation(64));
        var outcome = await h.RunAsync(1);

        Assert.Equal(4, outcome.Participants.Count);
        var abstained = Assert.Single(outcome.Failures);
        Assert.Contains("abstains", abstained.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(abstained.ClientId, outcome.Participants);
        Assert.Equal(FflPairs.Reference(h, FflPairs.Of(h, 1)), outcome.Aggregation!.Delta);
    }

    [Fact]
    public async Task RunAsync_TamperedRelayedFragments_ExchangeAbandonedAndOtherPairsAggregate()
    {
        using var h = new FflHarness(FflHarness.Deltas(6, 128), Samples6, FflPairs.NoReputation(128));
        var tampered = -1;
        h.Transport.Outgoing = m =>
        {
            if (m.Stage != 3 || tampered >= 0)
            {
                return m;
            }

            tampered = m.ClientId;
            var bytes = m.Payload.ToArray();
            bytes[^5] ^= 0x01;
            return m with { Payload = bytes };
        };

        var outcome = await h.RunAsync(1);

        var pair = FflPairs.Of(h, 1).Single(p => p.Initiator == tampered);
        Assert.Equal(4, outcome.Participants.Count);
        Assert.DoesNotContain(pair.Initiator, outcome.Participants);
        Assert.DoesNotContain(pair.Acceptor, outcome.Participants);
        Assert.Contains(outcome.Failures, f => f.ClientId == pair.Initiator && f.Reason.Contains("fail authentication", StringComparison.Ordinal));
        Assert.Contains(outcome.Failures, f => f.ClientId == pair.Acceptor && f.Reason.Contains("abandoned", StringComparison.Ordinal));
        Assert.Equal(FflPairs.Reference(h, FflPairs.Of(h, 1).Where(p => p != pair)), outcome.Aggregation!.Delta);
    }

    [Fact]
    public async Task RunAsync_FragmentsReplayedFromAnEarlierRound_Rejected()
    {
        using var h = new FflHarness(FflHarness.Deltas(4, 64), [10, 20, 30, 40], FflPairs.NoReputation(64));
        await h.RunAsync(1);
        var old = h.Transport.Messages.Where(m => m.Round == 1 && m.Stage == 3).ToDictionary(m => m.ClientId, m => m.Payload);
        var replayed = -1;
        h.Transport.Outgoing = m =>
        {
            if (m.Stage != 3 || replayed >= 0 || !old.TryGetValue(m.ClientId, out var payload))
            {
                return m;
            }

            replayed = m.ClientId;
            return m with { Payload = payload };
        };

        var outcome = await h.RunAsync(2);

        Assert.True(replayed > 0, "no initiator of round 2 had been an initiator in round 1; change the seed");
        Assert.Contains(outcome.Failures, f => f.ClientId == replayed && f.Reason.Contains("exchange abandoned", StringComparison.Ordinal));
        Assert.DoesNotContain(replayed, outcome.Participants);
        Assert.Equal(2, outcome.Participants.Count);
    }

    [Fact]
    public async Task RunAsync_UploadSeedReplayedFromAnEarlierRound_RejectedByTheServer()
    {
        using var h = new FflHarness(FflHarness.Deltas(4, 64), [10, 20, 30, 40], FflPairs.NoReputation(64));
        await h.RunAsync(1);
        var oldSeed = h.Transport.Replies.First(r => r.Round == 1 && r.Stage == 1).Payload[256..];
        var victim = -1;
        h.Transport.Incoming = r =>
        {
            if (r is not ProtocolReply { Stage: 4 } p || victim >= 0)
            {
                return r;
            }

            victim = p.ClientId;
            var payload = (byte[])p.Payload.Clone();
            oldSeed.CopyTo(payload, payload.Length - oldSeed.Length);
            return p with { Payload = payload };
        };

        var outcome = await h.RunAsync(2);

        Assert.Contains(outcome.Failures, f => f.ClientId == victim && f.Reason.Contains("made for round 1", StringComparison.Ordinal));
        Assert.DoesNotContain(victim, outcome.Participants);
        Assert.Equal(2, outcome.Participants.Count);
    }

    [Fact]
    public async Task HandleAsync_TrainingMessageReplayedAfterALaterRound_Rejected()
    {
        using var h = new FflHarness(FflHarness.Deltas(2, 16), [10, 20], FflPairs.NoReputation(16));
        await h.RunAsync(1);
        await h.RunAsync(2);
        var first = h.Transport.Messages.First(m => m.Round == 1 && m.Stage == 0 && m.ClientId == 1);

        var reply = await h.Clients[0].HandleAsync(first, CancellationToken.None);

        var failure = Assert.IsType<ClientFailure>(reply);
        Assert.Contains("replayed", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Completed_ReportsServerAndParticipantCosts()
    {
        using var h = new FflHarness(FflHarness.Deltas(4, 64), [10, 20, 30, 40], new FflOptions(1.0));
        var outcome = await h.RunAsync(1);

        foreach (var name in new[] { "ffl.decrypt_seconds", "ffl.aggregate_seconds", "ffl.exchange_seconds", FflClient.OverheadMetric })
        {
            Assert.True(outcome.Metrics.TryGet(name, out var value) && value > 0, name);
        }

        Assert.True(outcome.Metrics.TryGet("ffl.pairs", out var pairs) && pairs == 2);
    }

    [Fact]
    public void Incompatibility_AggregatorNeedingIndividualUpdates_ExplainsAndWeightedMeanIsAccepted()
    {
        using var protocol = new FflProtocol(new FflOptions(0.5), FflHarness.Key);

        Assert.Null(protocol.Incompatibility(new WeightedMeanAggregator()));
        Assert.Contains("weighted mean", protocol.Incompatibility(new FedShield.Privacy.DifferentialPrivacy.CentralDpAggregator(new FedShield.Privacy.DifferentialPrivacy.CentralDpOptions(1.0, 1.0, 4))), StringComparison.Ordinal);
        Assert.NotNull(protocol.Incompatibility(new WeightedMeanAggregator { Unweighted = true }));
    }

    [Fact]
    public async Task FitAsync_PlainInstruction_RefusedBecauseUpdatesLeaveOnlyMixed()
    {
        using var client = new FflClient(new FixedDeltaClient(1, [1f], 1));

        var reply = await client.FitAsync(new FitInstruction(1, 1, new float[1], 1, FitSettings.Default), CancellationToken.None);

        Assert.Contains("mixed update", Assert.IsType<ClientFailure>(reply).Reason, StringComparison.Ordinal);
    }
}
