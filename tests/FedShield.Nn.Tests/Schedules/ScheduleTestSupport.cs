using FedShield.Nn.Optim;

namespace FedShield.Nn.Tests.Schedules;

internal static class ScheduleTestSupport
{
    public static Sgd Optimizer(double lr = 1.0) => new(new float[1], new float[1], new SgdOptions(lr));

    public static void AssertRates(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, expected[i]), $"epoch {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
