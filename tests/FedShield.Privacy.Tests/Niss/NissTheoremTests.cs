using FedShield.Federation.Protocols;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

/// <summary>
/// NISS Theorem 2 through the real protocol. Normalisation: clients upload p_k·Δ_k + noise with
/// Σp_k = 1, so the aggregate delta is FedAvg's plus the summed noise V, whose per-coordinate
/// variance the theorem gives as Σ_k σ_k²·τ_k².
/// </summary>
public class NissTheoremTests
{
    private static readonly long[] Samples = [10, 20, 30, 40, 50];

    [Fact]
    public async Task TauZero_AggregateEqualsNoiseFreeFedAvg_UpToFloatRounding()
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(5, 64), Samples, _ => new NissOptions(noiseStd: 0.5, tau: 0));
        var outcome = await h.RunAsync(1);

        Assert.NotNull(outcome.Aggregation);
        Assert.Equal([1, 2, 3, 4, 5], outcome.Participants);
        Assert.Equal(5 * 25, outcome.Metrics.GetOrNaN("niss.shares"));
        Assert.Equal(0, outcome.Metrics.GetOrNaN("niss.unoffset_shares"));

        // Each upload carries noise of sd ≈ 0.5·√2 per coordinate, yet the sum is FedAvg's: the
        // residue is the float32 rounding of five uploads of magnitude < 8 (2⁻²⁴·8 each).
        var fedAvg = h.FedAvg();
        var delta = outcome.Aggregation.Delta;
        for (var i = 0; i < fedAvg.Length; i++)
        {
            Assert.InRange(delta[i] - fedAvg[i], -3e-6, 3e-6);
        }

        Assert.True(UploadNoiseSd(h) > 0.3, "the uploads themselves carry the noise");
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.1, 1)]
    [InlineData(0.2, 4)]
    public async Task TauZero_WithFewerSharesThanNeighbours_StillGivesFedAvg(double sigma, int shares)
    {
        using var h = new NissHarness(NissHarness.SmallDeltas(6, 16), [.. Samples, 60], _ => new NissOptions(noiseStd: sigma, tau: 0));
        var outcome = await h.RunAsync(1);

        Assert.Empty(outcome.Failures);
        Assert.Equal(6 * shares, outcome.Metrics.GetOrNaN("niss.shares"));
        var boxes = h.Transport.Replies.Where(r => r.Stage == 2).Select(r => NissWire.DecodeBoxes(r.Payload));
        Assert.All(boxes, b => Assert.Equal(Math.Min(shares, 5), b.Length));
        var fedAvg = h.FedAvg();
        for (var i = 0; i < fedAvg.Length; i++)
        {
            Assert.InRange(outcome.Aggregation!.Delta[i] - fedAvg[i], -2e-6, 2e-6);
        }
    }

    [Fact]
    public async Task TauHalf_AggregatedNoiseVariance_IsSumOfSigmaSquaredTauSquared()
    {
        var sigmas = new[] { 0.5, 0.5, 0.5, 0.5, 0.5 };
        await AssertNoiseVariance(sigmas, tau: 0.5, rounds: 50);
    }

    [Fact]
    public async Task TauOne_AggregatedNoiseVariance_IsDpFedAvgs()
    {
        // τ = 1 leaves Σσ_k², the variance of DP-FedAvg's Σ_k n_k with n_k ~ N(0, σ_k²) (Algorithm 1, eq. 2).
        var sigmas = new[] { 0.5, 0.5, 0.5, 0.5, 0.5 };
        await AssertNoiseVariance(sigmas, tau: 1, rounds: 50);
    }

    [Fact]
    public async Task UnequalSigmas_AggregatedNoiseVariance_IsSumOfSigmaSquaredTauSquared()
    {
        var sigmas = new[] { 0.3, 0.5, 0.7, 0.4, 0.6 };
        await AssertNoiseVariance(sigmas, tau: 0.6, rounds: 40);
    }

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds and compares the mean square of (aggregate − FedAvg)
    /// with τ²·Σσ_k². Given the multipliers, a round's coordinates are i.i.d. N(0, A) with
    /// A = τ²·Σ_i g_i²·std_i² over all shares i (g_i standard normal), so one round's mean square has
    /// relative variance 2·Σstd_i⁴/(Σstd_i²)² + 2/d (plus a smaller cross term); the test allows
    /// four standard errors of the mean over the rounds. The seeds are fixed, so the outcome is
    /// reproducible; the tolerance is what makes it a test of the theorem rather than of the seeds.
    /// </summary>
    private static async Task AssertNoiseVariance(double[] sigmas, double tau, int rounds)
    {
        const int d = 128;
        using var h = new NissHarness(NissHarness.SmallDeltas(sigmas.Length, d), Samples, id => new NissOptions(noiseStd: sigmas[id - 1], tau: tau), seed: 7);
        var fedAvg = h.FedAvg();
        var perRound = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            var outcome = await h.RunAsync(r + 1);
            var delta = outcome.Aggregation!.Delta;
            perRound[r] = Enumerable.Range(0, d).Average(i => Math.Pow(delta[i] - fedAvg[i], 2));
        }

        var expected = tau * tau * sigmas.Sum(s => s * s);
        var shareVariances = sigmas.SelectMany(s => Enumerable.Range(0, (int)ShareNoise.ShareCount(s, 0.01)).Select(_ => 0.01)).ToArray();
        var relativeVariance = (2 * shareVariances.Sum(v => v * v) / Math.Pow(shareVariances.Sum(), 2)) + (2.0 / d);
        var standardError = expected * Math.Sqrt(relativeVariance / rounds);
        var measured = perRound.Average();
        Assert.InRange(measured, expected - (4 * standardError), expected + (4 * standardError));
    }

    /// <summary>The sd of the first upload's noise: its values minus p_k·Δ_k.</summary>
    private static double UploadNoiseSd(NissHarness h)
    {
        var reply = h.Transport.Replies.First(r => r.Stage == 3);
        var values = new float[h.Dimension];
        NissWire.DecodeUpload(reply.Payload, values);
        var client = h.Inner.Single(c => c.Id == reply.ClientId);
        var weight = client.Samples / 150.0;
        return Math.Sqrt(Enumerable.Range(0, values.Length).Average(i => Math.Pow(values[i] - (weight * client.Delta[i]), 2)));
    }
}
