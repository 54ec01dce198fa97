using FedShield.Nn.Schedules;

namespace FedShield.Nn.Tests.Schedules;

public class ExponentialLRTests
{
    [Fact]
    public void Step_MultipliesByGammaEachEpoch()
    {
        var optimizer = ScheduleTestSupport.Optimizer(0.8);
        var schedule = new ExponentialLR(optimizer, 0.5);
        var rates = new List<double> { optimizer.LearningRate };
        for (int i = 0; i < 3; i++)
        {
            schedule.Step();
            rates.Add(schedule.LearningRate);
        }

        ScheduleTestSupport.AssertRates([0.8, 0.4, 0.2, 0.1], [.. rates]);
    }

    [Fact]
    public void Constructor_NonPositiveGamma_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(ScheduleTestSupport.Optimizer(), -0.5));
}
