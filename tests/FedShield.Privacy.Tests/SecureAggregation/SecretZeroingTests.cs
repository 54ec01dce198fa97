using FedShield.Federation.Messages;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class SecretZeroingTests
{
    /// <param name="shared">Whether the client got as far as drawing its seed and shares (stage 1).</param>
    private static void AssertZeroed(ClientRoundState? state, bool shared)
    {
        Assert.NotNull(state);
        Assert.True(state.Cleared);
        Assert.NotNull(state.Update);
        Assert.All(state.Update, v => Assert.Equal(0f, v));
        Assert.Throws<ObjectDisposedException>(() => state.EncryptionKey!.ExportPrivateKey());
        Assert.Throws<ObjectDisposedException>(() => state.MaskKey!.ExportPrivateKey());
        Assert.Equal(shared, state.SelfMaskSeed is not null);
        if (shared)
        {
            Assert.Equal(32, state.SelfMaskSeed!.Length);
            Assert.All(state.SelfMaskSeed, b => Assert.Equal(0, b));
            Assert.All(state.OwnSeedShare!.Values.ToArray(), v => Assert.Equal(0UL, v));
            Assert.NotEmpty(state.BoxKeys!);
            Assert.All(state.BoxKeys!.Values, key => Assert.All(key, b => Assert.Equal(0, b)));
        }
    }

    [Fact]
    public async Task AfterARound_EveryClientHasZeroedItsKeysSeedsSharesAndUpdate()
    {
        using var h = new SecAggHarness(5, new SecureAggregationOptions());
        await h.RunAsync();
        Assert.All(h.Clients, c => AssertZeroed(c.LastState, shared: true));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ClientThatDropsOut_ZeroesItsSecretsWhenItDrops(int stage)
    {
        using var h = new SecAggHarness(5, new SecureAggregationOptions(), (id, _, s) => id == 2 && s == stage);
        await h.RunAsync();
        AssertZeroed(h.Clients[2].LastState, shared: stage >= 2);
    }

    [Fact]
    public async Task ClientThatRejectsAMessage_ZeroesItsSecrets()
    {
        using var h = new SecAggHarness(5, new SecureAggregationOptions());
        h.Transport.AlterMessage = m => m is { ClientId: 4, Stage: 3 } ? m with { Payload = new byte[3] } : m;
        var outcome = await h.RunAsync();
        Assert.Equal(4, outcome.Failures.Single().ClientId);
        AssertZeroed(h.Clients[4].LastState, shared: true);
    }

    [Fact]
    public async Task ClientLeftMidRound_ZeroesItsSecretsAtTheNextRoundOrWhenDisposed()
    {
        // The stage-1 answers of clients 1 and 2 are lost in transit: both still hold keys, seed and update.
        using var h = new SecAggHarness(5, new SecureAggregationOptions());
        h.Transport.AlterReply = r => r is ProtocolReply { ClientId: 1 or 2, Stage: 1 } ? new ClientFailure(r.ClientId, 1, FailureKind.Timeout, "lost") : r;
        await h.RunAsync();
        var disposed = h.Clients[1].LastState!;
        var stale = h.Clients[2].LastState!;
        Assert.False(disposed.Cleared || stale.Cleared);
        Assert.Contains(stale.SelfMaskSeed!, b => b != 0);

        h.Clients[1].Dispose();
        AssertZeroed(disposed, shared: true);

        h.Transport.AlterReply = null;
        var next = await h.RunAsync(round: 2);
        Assert.Equal([0, 2, 3, 4], next.Participants);
        AssertZeroed(stale, shared: true);
    }
}
