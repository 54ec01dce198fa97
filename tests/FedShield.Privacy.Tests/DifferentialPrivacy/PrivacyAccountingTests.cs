using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class PrivacyAccountingTests
{
    private static RoundContext Applied(int round) => new(round, [0, 1], [0, 1], AggregationResult.Of([0f]), new float[1], null);

    private static RoundContext SkippedBeforeAggregation(int round) => new(round, [0, 1], [], null, new float[1], null);

    private static RoundRecord Record(int round, MetricSet metrics) =>
        new(round, RoundOutcome.Applied, null, [0, 1], [0, 1], [], null, [], new PhaseTimings(default, default, default, default), metrics);

    private static double EpsilonAfter(int rounds, double q, double z, double delta)
    {
        var accountant = new RdpAccountant();
        accountant.AddSampledGaussian(q, z, rounds);
        return accountant.GetEpsilon(delta).Epsilon;
    }

    [Fact]
    public void Measure_AppliedRound_AddsOneStepAndReportsEpsilon()
    {
        var metric = new PrivacyAccountingMetric(new PrivacyAccountingOptions(0.1, 1.2, 1e-5));
        var m1 = metric.Measure(Applied(1));
        var m2 = metric.Measure(Applied(2));

        Assert.Equal(EpsilonAfter(1, 0.1, 1.2, 1e-5), m1.GetOrNaN("privacy.epsilon"), 12);
        Assert.Equal(EpsilonAfter(2, 0.1, 1.2, 1e-5), m2.GetOrNaN("privacy.epsilon"), 12);
        Assert.Equal(1e-5, m2.GetOrNaN("privacy.delta"));
        Assert.Equal(2, m2.GetOrNaN("privacy.steps"));
        Assert.Equal(metric.Spent.Order, m2.GetOrNaN("privacy.order"));
        Assert.Contains(m2.GetOrNaN("privacy.order"), RdpAccountant.DefaultOrders);
        Assert.Equal(2, metric.LastRound);
    }

    [Fact]
    public void Measure_RoundSkippedBeforeAggregation_SpendsNothingButReports()
    {
        var metric = new PrivacyAccountingMetric(new PrivacyAccountingOptions(0.1, 1.2, 1e-5));
        var m = metric.Measure(SkippedBeforeAggregation(1));
        Assert.Equal(0, m.GetOrNaN("privacy.epsilon"));
        Assert.Equal(0, m.GetOrNaN("privacy.steps"));
        metric.Measure(Applied(2));
        Assert.Equal(1, metric.Accountant.Steps);
    }

    [Fact]
    public void Options_ForCentralDp_SamplingRateIsExpectedOverTotal()
    {
        var options = PrivacyAccountingOptions.For(new CentralDpOptions(1, 1.3, 25), totalClients: 1000, delta: 1e-6);
        Assert.Equal(0.025, options.SamplingRate, 15);
        Assert.Equal(1.3, options.NoiseMultiplier);
        Assert.Equal(1e-6, options.Delta);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrivacyAccountingOptions.For(new CentralDpOptions(1, 1.3, 25), totalClients: 10, delta: 1e-6));
        Assert.Equal("SamplingRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyAccountingOptions(0, 1, 1e-5)).ParamName);
        Assert.Equal("Delta", Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyAccountingOptions(0.1, 1, 1)).ParamName);
        Assert.Equal("NoiseMultiplier", Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyAccountingOptions(0.1, double.NaN, 1e-5)).ParamName);
    }

    [Fact]
    public void Budget_StopsWhenTheNextRoundWouldExceedIt_EvenExactlyAtTheBudget()
    {
        const double q = 0.2, z = 1.0, delta = 1e-5;
        var budget = EpsilonAfter(3, q, z, delta); // exactly what three rounds spend
        var metric = new PrivacyAccountingMetric(new PrivacyAccountingOptions(q, z, delta));
        var rule = new PrivacyBudget(metric, budget);
        for (var round = 1; round <= 2; round++)
        {
            Assert.Null(rule.ShouldStop(Record(round, metric.Measure(Applied(round)))));
        }

        var reason = rule.ShouldStop(Record(3, metric.Measure(Applied(3))));
        Assert.NotNull(reason);
        Assert.Contains("privacy budget", reason, StringComparison.Ordinal);
        Assert.True(metric.Spent.Epsilon <= budget);
        Assert.True(metric.SpentAfter(1).Epsilon > budget);
    }

    [Fact]
    public void Budget_OneRoundAlreadyTooExpensive_Rejected()
    {
        var metric = new PrivacyAccountingMetric(new PrivacyAccountingOptions(1, 0.5, 1e-5));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyBudget(metric, 1));
        Assert.Contains("a single round", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyBudget(metric, double.NaN));
    }

    [Fact]
    public void Budget_MetricNotRegistered_ThrowsExplaining()
    {
        var metric = new PrivacyAccountingMetric(new PrivacyAccountingOptions(0.1, 1, 1e-5));
        var rule = new PrivacyBudget(metric, 5);
        var ex = Assert.Throws<InvalidOperationException>(() => rule.ShouldStop(Record(1, MetricSet.Empty)));
        Assert.Contains("register it", ex.Message, StringComparison.Ordinal);
    }
}
