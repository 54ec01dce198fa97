using FedShield.Federation.Messages;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

public class NissClientTests
{
    private static readonly NissOptions Silent = new(noiseStd: 0, tau: 0);

    [Fact]
    public async Task PlainFit_IsRefused()
    {
        using var driver = new NissClientDriver(Silent, [1f]);
        var reply = await driver.Client.FitAsync(new FitInstruction(1, 1, new float[1], 0, FitSettings.Default), CancellationToken.None);
        Assert.Contains("only through NISS", Assert.IsType<ClientFailure>(reply).Reason, StringComparison.Ordinal);
        Assert.Equal(0, driver.Inner.FitCalls);
    }

    [Fact]
    public async Task TrainStage_AnswersAFreshKeyAndTheSampleCount_WithTheTrainingMetrics()
    {
        using var driver = new NissClientDriver(Silent, [1f], samples: 37);
        var first = Assert.IsType<ProtocolReply>(await driver.SendAsync(driver.Train(1)));
        var (key, samples) = NissWire.DecodeKeys(first.Payload);
        Assert.Equal(37, samples);
        Assert.Equal(1, first.Metrics.GetOrNaN("train_loss"));

        await driver.SendAsync(driver.Train(2));
        Assert.NotEqual(key, driver.ClientKey);
    }

    [Fact]
    public async Task Upload_WithoutNoise_IsTheWeightTimesTheClippedDelta_FromWeightsReplies()
    {
        // Weights kind: the client subtracts the broadcast weights; C = 1 clips (3, 4) to (0.6, 0.8).
        using var driver = new NissClientDriver(new NissOptions(clipNorm: 1, noiseStd: 0), [3f, 4f], kind: UpdateKind.Weights, weights: [10f, -5f]);
        await driver.ShareAsync(1, 0.5, 2, 3);
        var (values, rejected) = NissClientDriver.Upload(await driver.SendAsync(NissClientDriver.Relay(1)), 2);
        Assert.Empty(rejected);
        Assert.Equal(0.3f, values[0], 6);
        Assert.Equal(0.4f, values[1], 6);
    }

    [Fact]
    public async Task Shares_AreDealtInTurn_AndTheOwnNoiseIsExactlyTheirSum()
    {
        const int d = 50;
        var delta = Enumerable.Range(0, d).Select(i => 0.01f * i).ToArray();
        using var driver = new NissClientDriver(new NissOptions(noiseStd: 0.5, tau: 0), delta);
        var reply = await driver.ShareAsync(1, 0.25, 2, 3, 4);
        var boxes = NissWire.DecodeBoxes(reply.Payload);
        Assert.Equal([2, 3, 4], boxes.Select(b => b.Peer));
        var opened = boxes.Select(b => driver.Open(1, b)).ToArray();
        Assert.Equal([9, 8, 8], opened.Select(o => o.Length));
        Assert.Equal(25, reply.Metrics.GetOrNaN("niss.shares_sent"));
        Assert.Equal(0.5, reply.Metrics.GetOrNaN("niss.noise_std"));
        Assert.Equal(driver.Randomness.Seeds, Enumerable.Range(0, 25).Select(i => opened[i % 3][i / 3].Seed));

        // Share i is the i-th seed; the client's own noise is Σ std_i·z(seed_i), summed in that order.
        var noise = new double[d];
        var scratch = new double[ShareNoise.ChunkLength];
        for (var i = 0; i < 25; i++)
        {
            var (seed, std) = opened[i % 3][i / 3];
            Assert.Equal(0.1, std, 12);
            ShareNoise.Accumulate(seed, std, 1, noise, scratch);
        }

        var (values, _) = NissClientDriver.Upload(await driver.SendAsync(NissClientDriver.Relay(1)), d);
        for (var i = 0; i < d; i++)
        {
            Assert.Equal((float)((0.25 * delta[i]) + noise[i]), values[i]);
        }
    }

    [Fact]
    public async Task ReceivedShares_AreNegatedAndMultipliedByDrawsOfNOneTauSquared()
    {
        const int d = 20;
        using var driver = new NissClientDriver(new NissOptions(noiseStd: 0, tau: 0.5), new float[d], seed: 5);
        await driver.ShareAsync(1, 1.0, 2);
        var a = Prg.NewSeed();
        var b = Prg.NewSeed();
        var (values, rejected) = NissClientDriver.Upload(await driver.SendAsync(NissClientDriver.Relay(1, driver.Box(3, 1, [(a, 0.1), (b, 0.05)]))), d);
        Assert.Empty(rejected);

        // The same seeded source gives the multipliers s_i = 1 + τ·g_i the client drew.
        using var replay = new SeededNissRandomness(5);
        var expected = new double[d];
        var scratch = new double[8];
        ShareNoise.Accumulate(a, 0.1, -(1 + (0.5 * replay.NextNormal())), expected, scratch);
        ShareNoise.Accumulate(b, 0.05, -(1 + (0.5 * replay.NextNormal())), expected, scratch);
        Assert.Equal(expected.Select(x => (float)x), values);
        Assert.Contains(values, v => v != 0);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other round")]
    [InlineData("other recipient")]
    [InlineData("std above unit")]
    [InlineData("zero std")]
    [InlineData("bad sender key")]
    public async Task BadBox_IsRejected_AndNotApplied(string fault)
    {
        const int d = 8;
        using var driver = new NissClientDriver(Silent, new float[d]);
        await driver.ShareAsync(2, 1.0, 2);
        var good = driver.Box(2, 2, [(Prg.NewSeed(), 0.1)]);
        var bad = fault switch
        {
            "tampered" => good with { Box = Flip(good.Box, 20) },
            "other round" => driver.Box(3, 2, [(Prg.NewSeed(), 0.1)], adRound: 1),
            "other recipient" => driver.Box(3, 2, [(Prg.NewSeed(), 0.1)], recipient: 5),
            "std above unit" => driver.Box(3, 2, [(Prg.NewSeed(), 0.1001)]),
            "zero std" => driver.Box(3, 2, [(Prg.NewSeed(), 0.1), (Prg.NewSeed(), 0)]),
            _ => driver.Box(3, 2, [(Prg.NewSeed(), 0.1)]) with { SenderKey = Flip(driver.Peers[3].PublicKey, 40) },
        };
        var (values, rejected) = NissClientDriver.Upload(await driver.SendAsync(NissClientDriver.Relay(2, bad)), d);
        Assert.Equal([bad.Sender], rejected);
        Assert.All(values, v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task MessagesOutOfProtocol_AreRejected_WithoutDisturbingTheRound()
    {
        using var driver = new NissClientDriver(Silent, [1f, 2f]);
        Assert.Contains("no NISS round 1", await Rejected(driver, driver.Share(1, 0.5, 2)), StringComparison.Ordinal);
        Assert.Contains("not 'secagg'", await Rejected(driver, driver.Train(1) with { Protocol = "secagg" }), StringComparison.Ordinal);
        Assert.Contains("addressed to client 7", await Rejected(driver, driver.Train(1) with { ClientId = 7 }), StringComparison.Ordinal);
        Assert.Contains("no fit instruction", await Rejected(driver, driver.Train(1) with { Fit = null }), StringComparison.Ordinal);
        Assert.Contains("round 2", await Rejected(driver, driver.Train(1) with { Fit = driver.Train(2).Fit }), StringComparison.Ordinal);
        Assert.Contains("no stage 4", await Rejected(driver, NissClientDriver.Relay(1) with { Stage = 4 }), StringComparison.Ordinal);

        Assert.IsType<ProtocolReply>(await driver.SendAsync(driver.Train(3)));
        Assert.Contains("not after round 3", await Rejected(driver, driver.Train(3)), StringComparison.Ordinal);
        Assert.Contains("not after round 3", await Rejected(driver, driver.Train(2)), StringComparison.Ordinal);
        Assert.Contains("out of order", await Rejected(driver, NissClientDriver.Relay(3)), StringComparison.Ordinal);
        Assert.Contains("round 3 is", await Rejected(driver, driver.Share(4, 0.5, 2)), StringComparison.Ordinal);
        Assert.IsType<ProtocolReply>(await driver.SendAsync(driver.Share(3, 0.5, 2)));
        Assert.Contains("out of order", await Rejected(driver, driver.Share(3, 0.5, 2)), StringComparison.Ordinal);
        Assert.IsType<ProtocolReply>(await driver.SendAsync(NissClientDriver.Relay(3)));

        // The round is over and its state gone: a replayed upload request finds nothing.
        Assert.Contains("no NISS round 3", await Rejected(driver, NissClientDriver.Relay(3)), StringComparison.Ordinal);
        Assert.Equal(1, driver.Inner.FitCalls);
    }

    [Fact]
    public async Task MalformedPayload_EndsTheRound()
    {
        using var driver = new NissClientDriver(Silent, [1f]);
        await driver.SendAsync(driver.Train(1));
        Assert.Contains("truncated", await Rejected(driver, driver.Share(1, 0.5, 2) with { Payload = new byte[5] }), StringComparison.Ordinal);
        Assert.Contains("no NISS round 1", await Rejected(driver, NissClientDriver.Relay(1)), StringComparison.Ordinal);
        Assert.Contains("(0, 1]", await Rejected(driver, (await TrainedDriverMessage(driver, 2)) with { Payload = NissWire.EncodeNeighbours(2.0, []) }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyShares_AreRefused()
    {
        using var driver = new NissClientDriver(new NissOptions(noiseStd: 0.5, maxShares: 10), [1f]);
        await driver.SendAsync(driver.Train(1));
        Assert.Contains("needs 25 shares, more than the 10 allowed", await Rejected(driver, driver.Share(1, 0.5, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InnerFailure_IsPassedOn()
    {
        var failing = new FailingClient();
        using var client = new NissClient(failing, Silent);
        var message = new ProtocolMessage(1, 1, NissProtocol.ProtocolName, 1, NissWire.EncodeTrain(0), new FitInstruction(1, 1, new float[1], 0, FitSettings.Default));
        var failure = Assert.IsType<ClientFailure>(await client.HandleAsync(message, CancellationToken.None));
        Assert.Equal("out of battery", failure.Reason);
    }

    private static async Task<string> Rejected(NissClientDriver driver, ProtocolMessage message)
    {
        var failure = Assert.IsType<ClientFailure>(await driver.SendAsync(message));
        Assert.StartsWith("rejected", failure.Reason, StringComparison.Ordinal);
        return failure.Reason;
    }

    private static async Task<ProtocolMessage> TrainedDriverMessage(NissClientDriver driver, int round)
    {
        await driver.SendAsync(driver.Train(round));
        return driver.Share(round, 0.5, 2);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x04;
        return copy;
    }

    private sealed class FailingClient : Federation.Transport.IFederatedClient
    {
        public int Id => 1;

        public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ClientReply>(new ClientFailure(1, instruction.Round, FailureKind.Error, "out of battery"));

        public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
