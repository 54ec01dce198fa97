using FedShield.Federation.Messages;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class CentralDpAggregatorTests
{
    [Fact]
    public void Aggregate_NoNoise_ClipsEachAndDividesByExpectedClients()
    {
        using var aggregator = new CentralDpAggregator(new CentralDpOptions(ClipNorm: 1, NoiseMultiplier: 0, ExpectedClients: 4), DpTesting.Noise(1));
        var big = DpTesting.Delta(0, 3f, 4f);
        var small = DpTesting.Delta(1, 0.3f, 0.4f);
        var result = aggregator.Aggregate([big, small]);

        // (0.6, 0.8) + (0.3, 0.4) = (0.9, 1.2), over qN = 4.
        Assert.Equal(0.225f, result.Delta[0], 1e-6f);
        Assert.Equal(0.3f, result.Delta[1], 1e-6f);
        Assert.Equal(1, result.Metrics.GetOrNaN("dp.clipped"));
        Assert.Equal(1, result.Metrics.GetOrNaN("dp.clip"));
        Assert.Equal(0, result.Metrics.GetOrNaN("dp.noise_std"));
        Assert.Equal(2, result.Metrics.GetOrNaN("dp.updates"));
        Assert.Empty(result.ExcludedClients);

        // The inputs are left as they were.
        Assert.Equal([3f, 4f], big.Values);
    }

    [Fact]
    public void Aggregate_IgnoresSampleCounts()
    {
        using var aggregator = new CentralDpAggregator(new CentralDpOptions(10, 0, 2), DpTesting.Noise(1));
        var a = new ClientUpdate(0, 1, [1f], UpdateKind.Delta, 1000, Federation.Metrics.MetricSet.Empty);
        var b = new ClientUpdate(1, 1, [3f], UpdateKind.Delta, 1, Federation.Metrics.MetricSet.Empty);
        Assert.Equal(2f, aggregator.Aggregate([a, b]).Delta[0], 1e-6f);
    }

    [Fact]
    public void Aggregate_AddsSeededNoiseOfStdZS_ToTheSum()
    {
        var options = new CentralDpOptions(ClipNorm: 2, NoiseMultiplier: 1.5, ExpectedClients: 5);
        using var aggregator = new CentralDpAggregator(options, DpTesting.Noise(6));
        var result = aggregator.Aggregate([DpTesting.Delta(2, 1f, 0f, -1f), DpTesting.Delta(5, 0f, 0.5f, 0f)]);
        var z = DpTesting.Normals(6, 3);
        double[] sum = [1, 0.5, -1];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((float)((sum[i] + (3.0 * z[i])) / 5), result.Delta[i]);
        }

        Assert.Equal(3.0, result.Metrics.GetOrNaN("dp.noise_std"));
        Assert.Equal(3.0, options.SumNoiseStd);
        Assert.Equal(0.6, options.AggregateNoiseStd, 15);
    }

    [Fact]
    public void Aggregate_OrderOfUpdates_DoesNotMatter()
    {
        var updates = Enumerable.Range(0, 6).Select(i => DpTesting.Delta(i, i * 0.7f, -i, 2f - i)).ToArray();
        using var a = new CentralDpAggregator(new CentralDpOptions(1.5, 0.8, 6), DpTesting.Noise(3));
        using var b = new CentralDpAggregator(new CentralDpOptions(1.5, 0.8, 6), DpTesting.Noise(3));
        Assert.Equal(a.Aggregate(updates).Delta, b.Aggregate([.. updates.Reverse()]).Delta);
    }

    [Fact]
    public void Aggregate_NoiseVariance_MatchesOptions()
    {
        const int d = 40_000;
        using var aggregator = new CentralDpAggregator(new CentralDpOptions(0.5, 2, 4), DpTesting.Noise(12));
        var result = aggregator.Aggregate([DpTesting.Delta(0, new float[d])]);
        var sd = Math.Sqrt(result.Delta.Select(v => (double)v * v).Average());

        // zS/(qN) = 2·0.5/4.
        Assert.InRange(sd, 0.25 * 0.98, 0.25 * 1.02);
    }

    [Fact]
    public void FromSum_AddsNoiseAndDivides_NoClippedMetric()
    {
        using var aggregator = new CentralDpAggregator(new CentralDpOptions(2, 0.5, 8), DpTesting.Noise(14));
        var result = aggregator.FromSum([1.0, 2.0, -4.0], totalWeight: 3, count: 3);
        var z = DpTesting.Normals(14, 3);
        double[] sum = [1, 2, -4];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((float)((sum[i] + (1.0 * z[i])) / 8), result.Delta[i]);
        }

        Assert.False(result.Metrics.TryGet("dp.clipped", out _));
        Assert.Equal(1.0, result.Metrics.GetOrNaN("dp.noise_std"));
        Assert.Equal(3, result.Metrics.GetOrNaN("dp.updates"));
        Assert.Throws<InvalidOperationException>(() => aggregator.FromSum([1.0], 0, 0));
    }

    [Fact]
    public void SumForm_ClientsClipToS_Unweighted()
    {
        using var aggregator = new CentralDpAggregator(new CentralDpOptions(0.7, 1, 10));
        Assert.Equal(new Federation.Strategies.SumForm(0.7, WeightBySamples: false), aggregator.SumForm);
        Assert.Equal("dp-fedavg", aggregator.Name);
    }

    [Fact]
    public void Aggregate_BadInput_Throws()
    {
        using var aggregator = new CentralDpAggregator(new CentralDpOptions(1, 1, 2), DpTesting.Noise(1));
        Assert.Throws<InvalidOperationException>(() => aggregator.Aggregate([]));
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => aggregator.Aggregate([DpTesting.Delta(1, 1f), DpTesting.Delta(1, 2f)])).Message, StringComparison.Ordinal);
        Assert.Contains("expected 1", Assert.Throws<ArgumentException>(() => aggregator.Aggregate([DpTesting.Delta(1, 1f), DpTesting.Delta(2, 2f, 3f)])).Message, StringComparison.Ordinal);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => aggregator.Aggregate([DpTesting.Delta(1, float.PositiveInfinity)])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ValidatedWithNames()
    {
        Assert.Equal("ClipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new CentralDpOptions(0, 1, 1)).ParamName);
        Assert.Equal("NoiseMultiplier", Assert.Throws<ArgumentOutOfRangeException>(() => new CentralDpOptions(1, -0.1, 1)).ParamName);
        Assert.Equal("ExpectedClients", Assert.Throws<ArgumentOutOfRangeException>(() => new CentralDpOptions(1, 1, 0)).ParamName);
        Assert.Equal("ExpectedClients", Assert.Throws<ArgumentOutOfRangeException>(() => new CentralDpOptions(1, 1, 1) with { ExpectedClients = double.NaN }).ParamName);
    }
}
