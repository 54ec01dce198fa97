using System.Globalization;
using FedShield.Federation.State;
using FedShield.Privacy.Ffl;
using FedShield.Privacy.Tests.Niss;
using Xunit;

namespace FedShield.Privacy.Tests.Ffl;

public sealed class FflReputationDefenceTests
{
    private const int Dimension = 200;

    // Honest deltas near one direction; attackers 9 and 10 send large Gaussian noise (the paper's untargeted attack).
    private static float[][] WithNoisyAttackers(int clients, int attackers, double sigma, int seed = 5)
    {
        var deltas = FflHarness.Deltas(clients, Dimension, seed);
        var random = new Random(seed);
        for (var k = clients - attackers; k < clients; k++)
        {
            deltas[k] = [.. deltas[k].Select(v => v + (float)(sigma * StandardNormal(random)))];
        }

        return deltas;
    }

    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static long[] Equal(int n) => [.. Enumerable.Repeat(100L, n)];

    private static float Distance(float[] a, float[] b) => (float)Math.Sqrt(a.Zip(b).Sum(p => (double)(p.First - p.Second) * (p.First - p.Second)));

    private static float[] HonestMean(FflHarness h, int honest) =>
        [.. Enumerable.Range(0, Dimension).Select(i => (float)h.Inner.Take(honest).Average(c => c.Delta[i]))];

    [Theory]
    [InlineData(FflAttackerStrategy.MixPoisoned)]
    [InlineData(FflAttackerStrategy.UploadPoisoned)]
    public async Task Rounds_NoisyAttackers_LoseTrustAndTheAggregateStaysNearTheHonestMean(FflAttackerStrategy strategy)
    {
        // The paper's proportions: 20% attackers (clients 17-20), half the candidates selected each round.
        var deltas = WithNoisyAttackers(20, 4, sigma: 0.5);
        using var h = new FflHarness(deltas, Equal(20), new FflOptions(0.5, layerSizes: [150, 50], lastLayer: 150..200, matchingSeed: 3), c => c.Id > 16 ? FflClient.Attacker(c, null, strategy) : new FflClient(c));
        var honest = HonestMean(h, 16);
        var plain = Enumerable.Range(0, Dimension).Select(i => (float)h.Inner.Average(c => c.Delta[i])).ToArray();

        Federation.Protocols.ProtocolOutcome? last = null;
        for (var round = 1; round <= 15; round++)
        {
            last = await h.RunSelectedAsync(round);
        }

        var trust = h.Protocol.Trust;
        var detail = string.Join(", ", trust.Select(t => $"{t.Key}: {t.Value:F2}"));
        // Masks and pads come from the OS generator, so runs differ; an attacker keeps at most a trace of trust.
        Assert.All(Enumerable.Range(17, 4), id => Assert.True(trust[id] <= 0.05, detail));
        Assert.True(Enumerable.Range(1, 16).Average(id => trust[id]) > 0.3, detail);
        var gamma = h.Protocol.Reputations;
        Assert.True(Enumerable.Range(17, 4).Average(id => gamma[id]) < Enumerable.Range(1, 16).Average(id => gamma[id]), detail);

        // The pair of an attack test: plain averaging is dragged far off; FFL's last aggregate is not.
        Assert.NotNull(last!.Aggregation);
        Assert.True(Distance(plain, honest) > 10 * Distance(last.Aggregation!.Delta, honest), $"plain {Distance(plain, honest)}, FFL {Distance(last.Aggregation.Delta, honest)}");
    }

    [Fact]
    public async Task Rounds_Strategy3Attackers_HonestPartnersLowerTheirLocalReputations()
    {
        var clean = FflHarness.Deltas(10, Dimension, 5);
        var poisoned = WithNoisyAttackers(10, 2, sigma: 0.5);
        using var h = new FflHarness(
            poisoned, Equal(10), new FflOptions(0.8, lastLayer: 150..200, matchingSeed: 4),
            c => c.Id > 8 ? FflClient.Attacker(c, new FixedDeltaClient(c.Id, clean[c.Id - 1], c.Samples), FflAttackerStrategy.ExchangePoisoned) : new FflClient(c));

        for (var round = 1; round <= 12; round++)
        {
            await h.RunSelectedAsync(round);
        }

        var pseudonyms = h.Protocol.ExportState().Values.Where(v => v.Key.StartsWith("pseudonym.", StringComparison.Ordinal))
            .ToDictionary(v => int.Parse(v.Key["pseudonym.".Length..], CultureInfo.InvariantCulture), v => v.Value);
        var ofAttackers = h.Clients.Take(8).SelectMany(c => new[] { 9, 10 }.Select(a => c.LocalReputations.GetValueOrDefault(pseudonyms[a]))).ToArray();
        var ofHonest = h.Clients.Take(8).SelectMany(c => Enumerable.Range(1, 8).Where(j => j != c.Id).Select(j => c.LocalReputations.GetValueOrDefault(pseudonyms[j]))).ToArray();

        Assert.True(ofAttackers.Any(z => z < 0), "no honest participant lowered an attacker's local reputation");
        Assert.True(ofAttackers.Average() < ofHonest.Average(), $"attackers {ofAttackers.Average():F3}, honest {ofHonest.Average():F3}");
    }

    [Fact]
    public async Task RunAsync_RequesterBelowAcceptorsFirstQuartile_NeverPaired()
    {
        using var h = new FflHarness(FflHarness.Deltas(4, 32), Equal(4), new FflOptions(1.0, matchingSeed: 9));
        foreach (var id in h.Ids)
        {
            h.Protocol.Sampler.Sample(h.Ids, 1, new Random(1));
        }

        var pseudonyms = h.Protocol.ExportState().Values.Where(v => v.Key.StartsWith("pseudonym.", StringComparison.Ordinal))
            .ToDictionary(v => int.Parse(v.Key["pseudonym.".Length..], CultureInfo.InvariantCulture), v => v.Value);

        // Client 1 has had a bad exchange with client 2 and good ones with 3 and 4.
        var local = new StateBag();
        local.SetValue($"zeta.{pseudonyms[2]}", -1.0);
        local.SetValue($"zeta.{pseudonyms[3]}", 0.5);
        local.SetValue($"zeta.{pseudonyms[4]}", 0.5);
        h.Clients[0].ImportState(local);

        // Round 1 pairs everyone around the refusal (1 with 3 or 4, 2 with the other); later rounds follow the
        // reputations the feedback builds, but 1 and 2 are never paired.
        for (var round = 1; round <= 6; round++)
        {
            var outcome = await h.RunAsync(round);
            Assert.True(round > 1 || outcome.Participants.Count == 4, $"round 1 paired {outcome.Participants.Count} of 4");
            Assert.DoesNotContain(FflPairs.Of(h, round), p => (p.Initiator, p.Acceptor) is (1, 2) or (2, 1));
        }
    }

    [Fact]
    public void Sample_Reputations_CandidatesAtLeastTheFirstQuartileAndAtLeastTwoChosen()
    {
        using var protocol = new FflProtocol(new FflOptions(0.7), FflHarness.Key);
        var ids = Enumerable.Range(1, 8).ToArray();
        protocol.Sampler.Sample(ids, 1, new Random(1));
        var state = protocol.ExportState();
        var gamma = new[] { -2.0, -1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0 };
        for (var i = 0; i < ids.Length; i++)
        {
            state.SetValue($"gamma.{ids[i]}", gamma[i]);
        }

        protocol.ImportState(state);

        // Q1 of γ is -1 + 0.75·1 = -0.25: clients 1 and 2 are below it; 6 candidates, C = 0.7 → ⌊4.2⌋ = 4 chosen.
        for (var seed = 0; seed < 20; seed++)
        {
            var chosen = protocol.Sampler.Sample(ids, 2, new Random(seed));
            Assert.Equal(4, chosen.Count);
            Assert.DoesNotContain(1, chosen);
            Assert.DoesNotContain(2, chosen);
        }

        // At least 2, and even: 0.1·8 → 2; 0.5·7 → 3 → 2.
        using var small = new FflProtocol(new FflOptions(0.1), FflHarness.Key);
        Assert.Equal(2, small.Sampler.Sample(ids, 1, new Random(1)).Count);
        using var odd = new FflProtocol(new FflOptions(0.5, reputation: false), FflHarness.Key);
        Assert.Equal(2, odd.Sampler.Sample([.. ids.Take(7)], 1, new Random(1)).Count);
    }

    [Fact]
    public async Task ExportImport_ReputationsAndPseudonyms_SurviveARestart()
    {
        using var h = new FflHarness(FflHarness.Deltas(4, 32), Equal(4), new FflOptions(1.0));
        await h.RunAsync(1);
        await h.RunAsync(2);
        var saved = h.Protocol.ExportState();

        using var restarted = new FflProtocol(new FflOptions(1.0), FflHarness.Key);
        restarted.ImportState(saved);

        Assert.Equal(h.Protocol.Reputations, restarted.Reputations);
        Assert.Equal(h.Protocol.Trust, restarted.Trust);
        Assert.Equal(saved.Values, restarted.ExportState().Values);
        Assert.NotEqual(0, h.Protocol.Reputations.Values.Sum(Math.Abs));
    }
}
