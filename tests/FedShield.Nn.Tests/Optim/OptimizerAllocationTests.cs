using FedShield.Nn.Optim;

namespace FedShield.Nn.Tests.Optim;

public class OptimizerAllocationTests
{
    public static TheoryData<string> Kinds => ["sgd", "sgd-nesterov", "adam", "adamw"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_SteadyState_AllocatesNothing(string kind)
    {
        var p = new float[1000];
        var g = new float[1000];
        Array.Fill(g, 0.01f);
        Optimizer optimizer = kind switch
        {
            "sgd" => new Sgd(p, g, new SgdOptions(0.1)),
            "sgd-nesterov" => new Sgd(p, g, new SgdOptions(0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4)),
            "adam" => new Adam(p, g, new AdamOptions(weightDecay: 1e-4)),
            _ => new AdamW(p, g, new AdamWOptions()),
        };
        optimizer.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            optimizer.Step();
            optimizer.ZeroGrad();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
