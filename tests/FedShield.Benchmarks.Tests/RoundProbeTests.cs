using FedShield.Federation.Messages;

namespace FedShield.Benchmarks.Tests;

public class RoundProbeTests
{
    [Fact]
    public void ReplyReceived_OutOfOrder_CountsRepliesWaitingForAnEarlierClient()
    {
        var probe = new RoundProbe();
        probe.RoundStarted(1, [10, 20, 30, 40]);

        // 30 and 40 wait for 10; 10 releases nothing past 20; 20 releases all.
        int[] arrivals = [30, 40, 10, 20];
        int[] expectedMax = [1, 2, 2, 2];
        for (int i = 0; i < arrivals.Length; i++)
        {
            probe.ReplyReceived(1, Failure(arrivals[i]), i + 1, arrivals.Length);
            Assert.Equal(expectedMax[i], probe.MaxReorderDepth);
        }
    }

    [Fact]
    public void ReplyReceived_InOrder_HoldsNothing()
    {
        var probe = new RoundProbe { CheckpointEvery = 2 };
        probe.RoundStarted(1, [0, 1, 2, 3, 4]);
        for (int i = 0; i < 5; i++)
        {
            probe.ReplyReceived(1, Failure(i), i + 1, 5);
        }

        Assert.Equal(0, probe.MaxReorderDepth);
        Assert.Equal(3, probe.Checkpoints); // after replies 2, 4 and the last
        Assert.True(probe.PeakLiveHeapBytes > 0);
    }

    [Fact]
    public void HeapSampler_Start_SeesMemoryAlreadyHeld()
    {
        var held = new float[4 << 20];
        using var sampler = HeapSampler.Start(TimeSpan.FromMilliseconds(5));
        Assert.True(sampler.PeakBytes >= 4L * held.Length, $"peak {sampler.PeakBytes} below the {4L * held.Length} bytes held");
        GC.KeepAlive(held);
    }

    private static ClientFailure Failure(int client) => new(client, 1, FailureKind.Error, "test");
}
