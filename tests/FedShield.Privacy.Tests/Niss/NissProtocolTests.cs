using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

public class NissProtocolTests
{
    private static readonly long[] Samples = [10, 20, 30, 40, 50];

    [Fact]
    public async Task DropAfterSharing_LeavesItsSharesAsExtraNoise_CountedAsUnoffset()
    {
        const int d = 2048;
        using var h = new NissHarness(NissHarness.SmallDeltas(5, d), Samples, _ => new NissOptions(noiseStd: 0.5, tau: 0));
        h.Transport.Lose = (client, stage) => client == 3 && stage == 3;
        var outcome = await h.RunAsync(1, required: 3);

        Assert.Equal([1, 2, 4, 5], outcome.Participants);
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((3, FailureKind.Unavailable), (failure.ClientId, failure.Kind));
        Assert.Contains("upload stage", failure.Reason, StringComparison.Ordinal);

        // Client 3's 25 shares went out and its received shares came in; neither half met its negation.
        var received = SharesRelayedTo(h, 3);
        var unoffset = 25 + received;
        Assert.Equal(unoffset, outcome.Metrics.GetOrNaN("niss.unoffset_shares"));

        // Aggregate = Σ_{k≠3} p_k·Δ_k / W + residue / W, W = Σ_{k≠3} p_k = 120/150, residue ~ N(0, unoffset·σ²).
        const double w = 120.0 / 150;
        var fedAvg = h.FedAvg([1, 2, 4, 5]);
        var delta = outcome.Aggregation!.Delta;
        var variance = Enumerable.Range(0, d).Average(i => Math.Pow(delta[i] - fedAvg[i], 2));
        var expected = unoffset * 0.01 / (w * w);
        var tolerance = 4 * expected * Math.Sqrt(2.0 / d);
        Assert.InRange(variance, expected - tolerance, expected + tolerance);
    }

    [Fact]
    public async Task DropBeforeSharing_IsSimplyAbsent()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(5, 32), Samples, _ => new NissOptions(noiseStd: 0.5, tau: 0));
        h.Transport.Lose = (client, stage) => client == 2 && stage == 1;
        var outcome = await h.RunAsync(1, required: 3);

        Assert.Equal([1, 3, 4, 5], outcome.Participants);
        Assert.Contains("training/key stage", Assert.Single(outcome.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal(4, outcome.Metrics.GetOrNaN("niss.keyed"));
        Assert.Equal(0, outcome.Metrics.GetOrNaN("niss.unoffset_shares"));
        var fedAvg = h.FedAvg([1, 3, 4, 5]);
        for (var i = 0; i < fedAvg.Length; i++)
        {
            Assert.InRange(outcome.Aggregation!.Delta[i] - fedAvg[i], -3e-6, 3e-6);
        }

        // No one was told to send to client 2.
        Assert.DoesNotContain(h.Transport.Messages.Where(m => m.Stage == 2), m => NissWire.DecodeNeighbours(m.Payload.Span, m.ClientId).Peers.Any(p => p.Id == 2));
    }

    [Fact]
    public async Task DropAtShareStage_SharesAddressedToItAreNotRelayed_AndCountedAsUnoffset()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(5, 32), Samples, _ => new NissOptions(noiseStd: 0.5, tau: 0));
        h.Transport.Lose = (client, stage) => client == 4 && stage == 2;
        var outcome = await h.RunAsync(1, required: 3);

        Assert.Equal([1, 2, 3, 5], outcome.Participants);
        var addressedTo4 = h.Transport.Replies.Where(r => r.Stage == 2 && r.ClientId != 4)
            .SelectMany(r => NissWire.DecodeBoxes(r.Payload)).Where(b => b.Peer == 4).Sum(b => SharesIn(b.Box));
        Assert.True(addressedTo4 > 0);
        Assert.Equal(addressedTo4, outcome.Metrics.GetOrNaN("niss.unoffset_shares"));
        Assert.DoesNotContain(h.Transport.Messages, m => m.Stage == 3 && m.ClientId == 4);
    }

    [Fact]
    public async Task TooFewUploads_SkipsTheRoundWithTheReason()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(5, 8), Samples, _ => new NissOptions(noiseStd: 0.2));
        h.Transport.Lose = (client, stage) => client == 5 && stage == 3;
        var outcome = await h.RunAsync(1, required: 5);

        Assert.Null(outcome.Aggregation);
        Assert.Empty(outcome.Participants);
        Assert.Equal("only 4 of 5 selected clients completed the NISS upload stage and 5 are required", outcome.SkipReason);
        Assert.Single(outcome.Failures);
        Assert.True(outcome.Traffic[5].Total > 0);
    }

    [Theory]
    [InlineData("truncated keys", "truncated")]
    [InlineData("box to a stranger", "not one of its neighbours")]
    [InlineData("two boxes to one neighbour", "addressed twice")]
    [InlineData("short box", "expected 28 plus 1 to")]
    [InlineData("non-finite upload", "non-finite")]
    [InlineData("short upload", "the model has 8")]
    [InlineData("rejects an unsent box", "never sent")]
    [InlineData("wrong round", "answered with 'niss' stage 2 of round 2")]
    [InlineData("wrong stage", "answered with 'niss' stage 2 of round 1")]
    public async Task MalformedReply_FailsThatClientOnly(string fault, string reason)
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(5, 8), Samples, _ => new NissOptions(noiseStd: 0.3, tau: 0));
        h.Transport.Incoming = reply => reply is ProtocolReply p && p.ClientId == 2 ? Corrupt(p, fault) : reply;
        var outcome = await h.RunAsync(1, required: 3);

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((2, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
        Assert.Equal([1, 3, 4, 5], outcome.Participants);
        Assert.NotNull(outcome.Aggregation);
    }

    [Fact]
    public async Task TamperedBox_IsRejectedByItsRecipient_AndCounted()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(4, 16), [10, 20, 30, 40], _ => new NissOptions(noiseStd: 0.3, tau: 0));
        NissRelayed? tampered = null;
        h.Transport.Outgoing = m =>
        {
            if (m.Stage != 3 || m.ClientId != 1)
            {
                return m;
            }

            var inbox = NissWire.DecodeInbox(m.Payload.Span, 1);
            inbox[0].Box[^1] ^= 0x01;
            tampered = inbox[0];
            return m with { Payload = NissWire.EncodeInbox(inbox) };
        };
        var outcome = await h.RunAsync(1);

        Assert.NotNull(tampered);
        Assert.Equal([1, 2, 3, 4], outcome.Participants);
        var upload = h.Transport.Replies.Single(r => r.Stage == 3 && r.ClientId == 1);
        Assert.Equal([tampered.Value.Sender], NissWire.DecodeUpload(upload.Payload, new float[16]));
        var shares = SharesIn(tampered.Value.Box);
        Assert.Equal(shares, outcome.Metrics.GetOrNaN("niss.rejected_shares"));
        Assert.Equal(shares, outcome.Metrics.GetOrNaN("niss.unoffset_shares"));
    }

    [Fact]
    public async Task BoxesReplayedFromAnEarlierRound_AreRejected()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(3, 8), [10, 20, 30], _ => new NissOptions(noiseStd: 0.2, tau: 0));
        await h.RunAsync(1);
        var old = h.Transport.Messages.Single(m => m.Round == 1 && m.Stage == 3 && m.ClientId == 1).Payload;
        h.Transport.Outgoing = m => m.Stage == 3 && m.ClientId == 1 ? m with { Payload = old } : m;
        var outcome = await h.RunAsync(2);

        var upload = h.Transport.Replies.Single(r => r.Round == 2 && r.Stage == 3 && r.ClientId == 1);
        Assert.Equal([2, 3], NissWire.DecodeUpload(upload.Payload, new float[8]).Order());
        Assert.Equal(SharesRelayedTo(h, 1, round: 2), outcome.Metrics.GetOrNaN("niss.rejected_shares"));
    }

    [Fact]
    public async Task Server_NeverReceivesAPlaintextShare()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(4, 16), [10, 20, 30, 40], _ => new NissOptions(noiseStd: 0.3, tau: 0.5));
        await h.RunAsync(1);
        await h.RunAsync(2);

        var seeds = h.Randomness.SelectMany(r => r.Seeds).ToArray();
        Assert.Equal(2 * 4 * 9, seeds.Length);
        var payloads = h.Transport.Messages.Select(m => m.Payload.ToArray()).Concat(h.Transport.Replies.Select(r => r.Payload)).ToArray();
        Assert.All(seeds, seed => Assert.DoesNotContain(payloads, p => p.AsSpan().IndexOf(seed) >= 0));

        // The search would find a seed sent in the clear.
        Assert.True(NissWire.EncodeInbox([new NissRelayed(9, new byte[AgreementKey.PublicKeyBytes], [1, 2, .. seeds[5]])]).AsSpan().IndexOf(seeds[5]) >= 0);
    }

    [Fact]
    public async Task UnweightedAggregator_GivesEveryClientTheSameWeight()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(4, 16), [10, 20, 30, 40], _ => new NissOptions(noiseStd: 0.2, tau: 0), aggregator: new WeightedMeanAggregator { Unweighted = true });
        var outcome = await h.RunAsync(1);

        var weights = h.Transport.Messages.Where(m => m.Stage == 2).Select(m => NissWire.DecodeNeighbours(m.Payload.Span, m.ClientId).Weight);
        Assert.All(weights, w => Assert.Equal(0.25, w));
        for (var i = 0; i < 16; i++)
        {
            var mean = h.Inner.Average(c => (double)c.Delta[i]);
            Assert.InRange(outcome.Aggregation!.Delta[i] - mean, -2e-6, 2e-6);
        }
    }

    [Fact]
    public async Task ClientsClipToTheAggregatorsTighterBound()
    {
        float[][] deltas = [[3f, 4f], [0.3f, 0.4f]];
        using var h = new NissHarness(deltas, [1, 1], _ => new NissOptions(clipNorm: 2, noiseStd: 0.1, tau: 0), aggregator: new ClippedMean(0.25));
        var outcome = await h.RunAsync(1);

        Assert.Equal(0.25, NissWire.DecodeTrain(h.Transport.Messages.First(m => m.Stage == 1).Payload.Span));
        Assert.Equal(0.15, outcome.Aggregation!.Delta[0], 5);
        Assert.Equal(0.2, outcome.Aggregation.Delta[1], 5);
    }

    [Fact]
    public void Incompatibility_ExplainsAggregatorsThatNeedEachUpdate()
    {
        var protocol = new NissProtocol(new NissOptions());
        Assert.Null(protocol.Incompatibility(new WeightedMeanAggregator()));
        Assert.Contains("noisy sum", protocol.Incompatibility(new MedianLike()), StringComparison.Ordinal);
        Assert.Contains("no sum form", protocol.Incompatibility(new ClippedMean(null)), StringComparison.Ordinal);
    }

    private static ProtocolReply Corrupt(ProtocolReply p, string fault) => (fault, p.Stage) switch
    {
        ("truncated keys", 1) => p with { Payload = p.Payload[..10] },
        ("box to a stranger", 2) => p with { Payload = NissWire.EncodeBoxes([.. NissWire.DecodeBoxes(p.Payload).Select(b => b with { Peer = 99 })]) },
        ("two boxes to one neighbour", 2) => p with { Payload = NissWire.EncodeBoxes([.. NissWire.DecodeBoxes(p.Payload).Select(b => b with { Peer = NissWire.DecodeBoxes(p.Payload)[0].Peer })]) },
        ("short box", 2) => p with { Payload = NissWire.EncodeBoxes([.. NissWire.DecodeBoxes(p.Payload).Select(b => b with { Box = b.Box[..^1] })]) },
        ("non-finite upload", 3) => p with { Payload = NissWire.EncodeUpload([], [1, 2, 3, 4, 5, 6, 7, float.PositiveInfinity]) },
        ("short upload", 3) => p with { Payload = NissWire.EncodeUpload([], [1, 2, 3]) },
        ("rejects an unsent box", 3) => p with { Payload = NissWire.EncodeUpload([99], new float[8]) },
        ("wrong round", 2) => p with { Round = 2 },
        ("wrong stage", 3) => p with { Stage = 2 },
        _ => p,
    };

    private static int SharesIn(byte[] box) => (box.Length - SealedBox.Overhead) / NissWire.ShareBytes;

    private static int SharesRelayedTo(NissHarness h, int client, int round = 1) =>
        NissWire.DecodeInbox(h.Transport.Messages.Single(m => m.Round == round && m.Stage == 3 && m.ClientId == client).Payload.Span, client).Sum(r => SharesIn(r.Box));

    /// <summary>A summable mean whose sum form clips to a bound (or has no sum form when the bound is null).</summary>
    private sealed class ClippedMean(double? bound) : ISummableAggregator
    {
        public string Name => "clipped-mean";

        public SumForm? SumForm => bound is { } b ? new SumForm(b, WeightBySamples: true) : null;

        public AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count) =>
            new WeightedMeanAggregator().FromSum(weightedSum, totalWeight, count);

        public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => throw new NotSupportedException();
    }

    private sealed class MedianLike : IAggregator
    {
        public string Name => "median";

        public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => throw new NotSupportedException();
    }
}
