using FedShield.Federation.Messages;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class TamperingAndReplayTests
{
    /// <summary>Flips one bit of the box from <paramref name="sender"/> in a stage-2 message.</summary>
    private static ProtocolMessage TamperBox(ProtocolMessage m, int sender)
    {
        var boxes = AddressedBox.DecodeList(m.Payload.Span, "boxes");
        var altered = boxes.Select(b => b.PeerId == sender ? b with { Box = Flip(b.Box, 40) } : b).ToArray();
        return m with { Payload = AddressedBox.EncodeList(altered) };
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 1;
        return copy;
    }

    private static ProtocolMessage WithRequest(ProtocolMessage m, Func<UnmaskRequest, UnmaskRequest> change) =>
        m with { Payload = change(UnmaskRequest.Decode(m.Payload.Span)).Encode() };

    [Fact]
    public async Task TamperedShareBox_RecipientReportsItAndTheRoundRecovers()
    {
        // n = 6, t = 4: client 2 rejects the altered box at stage 3; five shares of every secret remain.
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterMessage = m => m is { ClientId: 2, Stage: 2 } ? TamperBox(m, sender: 4) : m;
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((2, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains("stage 3", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("box from client 4", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("authentication", failure.Reason, StringComparison.Ordinal);

        // Client 2 sent its masked input before it opened the boxes, so its input still counts.
        Assert.NotNull(outcome.Aggregation);
        Assert.Equal(Enumerable.Range(0, 6), outcome.Participants);
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 6)), h.Revealed);
        Assert.True(h.Clients[2].LastState!.Cleared);
    }

    [Fact]
    public async Task TamperedShareBox_WhenEveryShareIsNeeded_AbortsCleanly()
    {
        using var h = new SecAggHarness(5, new SecureAggregationOptions(thresholdCount: 5));
        h.Transport.AlterMessage = m => m is { ClientId: 1, Stage: 2 } ? TamperBox(m, sender: 3) : m;
        var outcome = await h.RunAsync();

        Assert.Null(outcome.Aggregation);
        Assert.Contains("stage 3", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Contains("only 4 shares", outcome.SkipReason, StringComparison.Ordinal);
        Assert.Null(h.Revealed);
        Assert.Equal(1, outcome.Failures.Single().ClientId);
    }

    [Fact]
    public async Task BoxRelayedToAnotherRecipient_FailsAuthentication()
    {
        // The server hands client 1 the box client 3 sealed for client 0, relabelled as if it were for 1.
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        byte[]? forZero = null;
        h.Transport.AlterMessage = m =>
        {
            if (m is { ClientId: 0, Stage: 2 })
            {
                forZero = AddressedBox.DecodeList(m.Payload.Span, "boxes").Single(b => b.PeerId == 3).Box;
            }

            if (m is { ClientId: 1, Stage: 2 })
            {
                var boxes = AddressedBox.DecodeList(m.Payload.Span, "boxes");
                return m with { Payload = AddressedBox.EncodeList([.. boxes.Select(b => b.PeerId == 3 ? b with { Box = forZero! } : b)]) };
            }

            return m;
        };
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal(1, failure.ClientId);
        Assert.Contains("box from client 3", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 6)), h.Revealed);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task RosterWithAKeyOffTheCurve_IsRejectedWhereTheKeyIsFirstUsed(bool encryptionKey, int stage)
    {
        using var h = new SecAggHarness(5, new SecureAggregationOptions());
        h.Transport.AlterMessage = m =>
        {
            if (m is not { ClientId: 0, Stage: 1 })
            {
                return m;
            }

            var roster = Roster.Decode(m.Payload.Span, 5);
            var entries = roster.Entries.Select(e => e.ClientId != 3 ? e
                : encryptionKey ? e with { EncryptionKey = Flip(e.EncryptionKey, 20) } : e with { MaskKey = Flip(e.MaskKey, 20) }).ToArray();
            return m with { Payload = new Roster(roster.Threshold, entries).Encode() };
        };
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((0, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains($"stage {stage}", failure.Reason, StringComparison.Ordinal);
        Assert.Contains($"{(encryptionKey ? "encryption" : "mask")} key of client 3 is not a valid P-256 public key", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(h.ExpectedSum([1, 2, 3, 4]), h.Revealed);
    }

    [Fact]
    public async Task ReplayedEarlierStage_IsRejectedAsOutOfOrder()
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterMessage = m => m is { ClientId: 1, Stage: 2 } ? h.Transport.MessageTo(1, 1, 1) : m;
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((1, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains("stage 1 arrived while stage 2 was expected", failure.Reason, StringComparison.Ordinal);
        Assert.True(h.Clients[1].LastState!.Cleared);
        Assert.Equal(h.ExpectedSum([0, 2, 3, 4, 5]), h.Revealed);
    }

    [Fact]
    public async Task OutOfRoundMessage_IsRejected()
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterMessage = m => m is { ClientId: 5, Stage: 2 } ? m with { Round = 2 } : m;
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((5, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains("belongs to round 2", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(h.ExpectedSum([0, 1, 2, 3, 4]), h.Revealed);
    }

    [Fact]
    public async Task MessagesOfAFinishedRound_ReplayedToAClient_AreAllRejected()
    {
        using var h = new SecAggHarness(4, new SecureAggregationOptions());
        await h.RunAsync(round: 3);
        var client = h.Clients[0];
        foreach (var stage in new[] { 0, 1, 2, 3 })
        {
            var reply = await client.HandleAsync(h.Transport.MessageTo(0, 3, stage), CancellationToken.None);
            var failure = Assert.IsType<ClientFailure>(reply);
            Assert.Equal(FailureKind.Malformed, failure.Kind);
            Assert.Contains(stage == 0 ? "not after round 3" : "no round is in progress", failure.Reason, StringComparison.Ordinal);
        }

        // An older round is refused too, and the client still takes part in the next one.
        var old = h.Transport.MessageTo(0, 3, 0) with { Round = 2, Fit = h.Transport.MessageTo(0, 3, 0).Fit! with { Round = 2 } };
        Assert.IsType<ClientFailure>(await client.HandleAsync(old, CancellationToken.None));
        var next = await h.RunAsync(round: 4);
        Assert.Equal(Enumerable.Range(0, 4), next.Participants);
    }

    [Fact]
    public async Task StageZeroTwice_WrongProtocolOrWrongClient_AreRejected()
    {
        using var h = new SecAggHarness(3, new SecureAggregationOptions());
        var p = h.Parameters();
        var fit = new FitInstruction(7, 0, new float[h.Dimension], 1, FitSettings.Default);
        var stage0 = new ProtocolMessage(7, 0, SecureAggregationProtocol.SecAggName, 0, p.Encode(), fit);
        var client = h.Clients[0];

        Assert.IsType<ProtocolReply>(await client.HandleAsync(stage0, CancellationToken.None));
        var again = Assert.IsType<ClientFailure>(await client.HandleAsync(stage0, CancellationToken.None));
        Assert.Contains("arrived twice", again.Reason, StringComparison.Ordinal);
        Assert.True(client.LastState!.Cleared);

        var niss = Assert.IsType<ClientFailure>(await client.HandleAsync(stage0 with { Round = 8, Protocol = "niss" }, CancellationToken.None));
        Assert.Contains("unknown protocol 'niss'", niss.Reason, StringComparison.Ordinal);
        var other = Assert.IsType<ClientFailure>(await client.HandleAsync(stage0 with { Round = 8, ClientId = 1 }, CancellationToken.None));
        Assert.Contains("addressed to client 1", other.Reason, StringComparison.Ordinal);
        var mismatch = Assert.IsType<ClientFailure>(await client.HandleAsync(stage0 with { Round = 8, Protocol = SecureAggregationProtocol.SecAggPlusName, Fit = fit with { Round = 8 } }, CancellationToken.None));
        Assert.Contains("describe 'secagg'", mismatch.Reason, StringComparison.Ordinal);
        var noFit = Assert.IsType<ClientFailure>(await client.HandleAsync(stage0 with { Round = 9, Fit = null }, CancellationToken.None));
        Assert.Contains("no training instruction", noFit.Reason, StringComparison.Ordinal);
        var garbage = Assert.IsType<ClientFailure>(await client.HandleAsync(stage0 with { Round = 10, Payload = p.Encode().AsMemory(0, 20), Fit = fit with { Round = 10 } }, CancellationToken.None));
        Assert.Contains("truncated", garbage.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestForBothSharesOfOneClient_IsRefused()
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterMessage = m => m is { ClientId: 1, Stage: 3 } ? WithRequest(m, r => r with { Dropped = [4] }) : m;
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal(1, failure.ClientId);
        Assert.Contains("both as a survivor and as dropped", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Transport.Replies, r => r is ProtocolReply { ClientId: 1, Stage: 3 });
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 6)), h.Revealed);
    }

    [Theory]
    [InlineData("too few")]
    [InlineData("self dropped")]
    [InlineData("self missing")]
    [InlineData("stranger")]
    [InlineData("incomplete")]
    public async Task UnmaskingRequestThatWouldRevealTooMuch_IsRefused(string kind)
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterMessage = m => m is { ClientId: 1, Stage: 3 } ? WithRequest(m, r => kind switch
        {
            // Claim that three of six survived (t = 4) so that the others' mask keys are revealed.
            "too few" => new UnmaskRequest([0, 1, 2], [3, 4, 5]),
            "self dropped" => new UnmaskRequest([0, 2, 3, 4, 5], [1]),
            "self missing" => new UnmaskRequest([0, 2, 3, 4, 5], []),
            "stranger" => new UnmaskRequest([0, 1, 2, 3, 4, 5, 9], []),
            _ => new UnmaskRequest([0, 1, 2, 3, 4], []),
        }) : m;
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((1, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains(kind switch
        {
            "too few" => "only 3 survivors",
            "self dropped" => "lists this client as dropped",
            "self missing" => "does not list this client among the survivors",
            "stranger" => "client 9, which did not share keys",
            _ => "accounts for 5 of the 6",
        }, failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Transport.Replies, r => r is ProtocolReply { ClientId: 1, Stage: 3 });
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 6)), h.Revealed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task MalformedReply_BecomesAFailureNamingTheClient(int stage)
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterReply = r => r is ProtocolReply { ClientId: 3 } p && p.Stage == stage ? p with { Payload = p.Payload[..^1] } : r;
        var outcome = await h.RunAsync();

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal((3, FailureKind.Malformed), (failure.ClientId, failure.Kind));
        Assert.Contains("client 3 sent a malformed reply", failure.Reason, StringComparison.Ordinal);
        Assert.Contains($"stage {stage}", failure.Reason, StringComparison.Ordinal);
        var expected = Enumerable.Range(0, 6).Where(id => id != 3 || stage == 3).ToArray();
        Assert.Equal(expected, outcome.Participants);
        Assert.Equal(h.ExpectedSum(expected), h.Revealed);
    }

    [Fact]
    public async Task ReplayedReply_ForAnotherStageOrRound_IsRejected()
    {
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterReply = r => r switch
        {
            ProtocolReply { ClientId: 2, Stage: 2 } => h.Transport.ReplyOf(2, 1, 1),
            ProtocolReply { ClientId: 4, Stage: 3 } p => p with { Round = 0 },
            _ => r,
        };
        var outcome = await h.RunAsync();

        Assert.Equal([2, 4], outcome.Failures.Select(f => f.ClientId).Order());
        Assert.Contains("answered stage 1 of round 1", outcome.Failures.Single(f => f.ClientId == 2).Reason, StringComparison.Ordinal);
        Assert.Contains("of round 0", outcome.Failures.Single(f => f.ClientId == 4).Reason, StringComparison.Ordinal);
        Assert.Equal(h.ExpectedSum([0, 1, 3, 4, 5]), h.Revealed);
    }

    [Fact]
    public async Task WrongShares_AreCaughtWhereTheyCanBe()
    {
        // A share at another point, and a share of a kind that was not requested, are rejected on arrival.
        using var h = new SecAggHarness(6, new SecureAggregationOptions());
        h.Transport.AlterReply = r =>
        {
            if (r is not ProtocolReply { Stage: 3 } p || p.ClientId is not (0 or 5))
            {
                return r;
            }

            var entries = ShareEntry.DecodeList(p.Payload);
            entries[0] = p.ClientId == 0
                ? entries[0] with { Share = new ShamirShare(entries[0].Share.Point + 1, entries[0].Share.Values) }
                : entries[0] with { Kind = ShareKind.MaskKey };
            return p with { Payload = ShareEntry.EncodeList(entries) };
        };
        var outcome = await h.RunAsync();

        Assert.Equal([0, 5], outcome.Failures.Select(f => f.ClientId).Order());
        Assert.Contains("at point 2", outcome.Failures.Single(f => f.ClientId == 0).Reason, StringComparison.Ordinal);
        Assert.Contains("not requested", outcome.Failures.Single(f => f.ClientId == 5).Reason, StringComparison.Ordinal);
        Assert.Equal(h.ExpectedSum(Enumerable.Range(0, 6)), h.Revealed);
    }

    [Fact]
    public async Task DuplicatePublicKeys_AreRejected()
    {
        // Clients 1 and 4 are reported with the same keys (which neither holds): whichever arrives
        // second is refused at stage 0, and the other refuses a roster listing keys it never advertised.
        using var c = AgreementKey.Create();
        using var s = AgreementKey.Create();
        var same = new KeyAdvertisement(c.PublicKey, s.PublicKey).Encode();
        using var h = new SecAggHarness(5, new SecureAggregationOptions());
        h.Transport.AlterReply = r => r is ProtocolReply { ClientId: 1 or 4, Stage: 0 } p ? p with { Payload = same } : r;
        var outcome = await h.RunAsync();

        Assert.Equal([1, 4], outcome.Failures.Select(f => f.ClientId).Order());
        Assert.Contains("already advertised", outcome.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Contains("another encryption key for this client", outcome.Failures[1].Reason, StringComparison.Ordinal);
        Assert.Equal(h.ExpectedSum([0, 2, 3]), h.Revealed);
    }

    [Fact]
    public async Task ClientMetrics_AreNotRevealed()
    {
        using var h = new SecAggHarness(4, new SecureAggregationOptions());
        var outcome = await h.RunAsync();
        Assert.All(h.Transport.Replies.OfType<ProtocolReply>(), r => Assert.Equal([SecureAggregationClient.ClientSecondsMetric], r.Metrics.Select(m => m.Name)));
        Assert.False(outcome.Metrics.TryGet("train_loss", out _));
    }
}
