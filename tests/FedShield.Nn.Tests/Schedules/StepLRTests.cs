using FedShield.Nn.Schedules;

namespace FedShield.Nn.Tests.Schedules;

public class StepLRTests
{
    [Fact]
    public void Step_DecaysEveryStepSizeEpochs()
    {
        var optimizer = ScheduleTestSupport.Optimizer(1.0);
        var schedule = new StepLR(optimizer, stepSize: 2, gamma: 0.1);
        var rates = new List<double> { schedule.LearningRate };
        for (int i = 0; i < 5; i++)
        {
            schedule.Step();
            rates.Add(optimizer.LearningRate);
        }

        ScheduleTestSupport.AssertRates([1, 1, 0.1, 0.1, 0.01, 0.01], [.. rates]);
        Assert.Equal(5, schedule.LastEpoch);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(ScheduleTestSupport.Optimizer(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(ScheduleTestSupport.Optimizer(), 1, gamma: 0));
    }
}
