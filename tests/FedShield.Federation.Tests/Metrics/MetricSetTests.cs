using FedShield.Federation.Metrics;

namespace FedShield.Federation.Tests.Metrics;

public class MetricSetTests
{
    [Fact]
    public void Of_DuplicateName_Throws()
    {
        Assert.Contains("'a' appears twice", Assert.Throws<ArgumentException>(() => MetricSet.Of(new Metric("a", 1), new Metric("a", 2))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_KeepsOrder_AndTryGetFinds()
    {
        var s = MetricSet.Of(new Metric("a", 1)).Concat(MetricSet.Of(new Metric("b", 2))).WithPrefix("x.");
        Assert.Equal(["x.a", "x.b"], s.Select(m => m.Name));
        Assert.True(s.TryGet("x.b", out var v));
        Assert.Equal(2, v);
        Assert.True(double.IsNaN(s.GetOrNaN("missing")));
    }

    [Fact]
    public void WeightedMeans_WeighAndSkipNonFinite()
    {
        var means = new WeightedMetricMeans();
        means.Add(MetricSet.Of(new Metric("loss", 1), new Metric("acc", double.NaN)), 1);
        means.Add(MetricSet.Of(new Metric("loss", 4), new Metric("acc", 0.5)), 3);
        var result = means.ToMetricSet();
        Assert.Equal(3.25, result.GetOrNaN("loss"));
        Assert.Equal(0.5, result.GetOrNaN("acc"));
    }
}
