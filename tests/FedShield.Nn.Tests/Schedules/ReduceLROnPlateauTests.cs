using FedShield.Nn.Schedules;

namespace FedShield.Nn.Tests.Schedules;

public class ReduceLROnPlateauTests
{
    private static double[] Rates(ReduceLROnPlateauOptions options, params double[] metrics)
    {
        var optimizer = ScheduleTestSupport.Optimizer(1.0);
        var schedule = new ReduceLROnPlateau(optimizer, options);
        return [.. metrics.Select(m =>
        {
            schedule.Step(m);
            return optimizer.LearningRate;
        })];
    }

    [Fact]
    public void Step_MinMode_ReducesAfterMoreThanPatienceBadEpochs()
    {
        // 10, 9 improve; three 9s are bad epochs 1, 2, 3 > patience 2 → halve; then three more → halve again.
        var rates = Rates(new ReduceLROnPlateauOptions(factor: 0.5, patience: 2), 10, 9, 9, 9, 9, 9, 9, 9);
        ScheduleTestSupport.AssertRates([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25], rates);
    }

    [Fact]
    public void Step_RelativeThreshold_IgnoresTinyImprovements()
    {
        // 9.9995 is not below 10·(1 − 1e-3) = 9.99, so it is a bad epoch.
        var rates = Rates(new ReduceLROnPlateauOptions(factor: 0.5, patience: 0, threshold: 1e-3), 10, 9.9995, 5);
        ScheduleTestSupport.AssertRates([1, 0.5, 0.5], rates);
    }

    [Fact]
    public void Step_AbsoluteThreshold()
    {
        var rates = Rates(new ReduceLROnPlateauOptions(factor: 0.5, patience: 0, threshold: 0.5, thresholdMode: ThresholdMode.Absolute), 10, 9.6, 9.4);
        ScheduleTestSupport.AssertRates([1, 0.5, 0.5], rates);
    }

    [Fact]
    public void Step_Cooldown_SuspendsCountingAfterAReduction()
    {
        // Patience 1: bad epochs at 3rd and 4th values → reduce at the 4th (counter 2 > 1);
        // cooldown 2 zeroes the counter for the next two epochs; then two more bad epochs → reduce.
        var rates = Rates(new ReduceLROnPlateauOptions(factor: 0.1, patience: 1, cooldown: 2), 5, 4, 4, 4, 4, 4, 4, 4);
        ScheduleTestSupport.AssertRates([1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.01], rates);
    }

    [Fact]
    public void Step_MaxMode_TreatsRisingMetricAsImprovement()
    {
        var rates = Rates(new ReduceLROnPlateauOptions(PlateauMode.Max, factor: 0.5, patience: 1), 0.5, 0.6, 0.7, 0.7, 0.6, 0.8);
        ScheduleTestSupport.AssertRates([1, 1, 1, 1, 0.5, 0.5], rates);
    }

    [Fact]
    public void Step_MinLearningRate_IsAFloor()
    {
        var rates = Rates(new ReduceLROnPlateauOptions(factor: 0.1, patience: 0, minLearningRate: 0.3), 1, 2, 3, 4);
        ScheduleTestSupport.AssertRates([1, 0.3, 0.3, 0.3], rates);
    }

    [Fact]
    public void Step_NaNMetric_CountsAsBadEpoch()
    {
        var rates = Rates(new ReduceLROnPlateauOptions(factor: 0.5, patience: 0), 1, double.NaN);
        ScheduleTestSupport.AssertRates([1, 0.5], rates);
    }

    [Theory]
    [InlineData(1.0, 10, 0)]
    [InlineData(-0.1, 10, 0)]
    [InlineData(0.1, -1, 0)]
    [InlineData(0.1, 10, -1)]
    public void Options_OutOfRange_Throw(double factor, int patience, int cooldown) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateauOptions(factor: factor, patience: patience, cooldown: cooldown));
}
