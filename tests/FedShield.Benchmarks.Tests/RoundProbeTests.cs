using FedShield.Federation.Messages;

namespace FedShield.Benchmarks.Tests;

public class RoundProbeTests
{
    [Fact]
    public void ReplyReceived_OutOfOrder_CountsRepliesWaitingForAnEarlierClient()
    {
        using var probe = new RoundProbe();
        probe.RoundStarted(1, [10, 20, 30, 40]);

        // 30 and 40 wait for 10; 10 releases nothing past 20; 20 releases all.
        int[] arrivals = [30, 40, 10, 20];
        int[] expectedMax = [1, 2, 2, 2];
        for (int i = 0; i < arrivals.Length; i++)
        {
            probe.ReplyReceived(1, Failure(arrivals[i]), i + 1, arrivals.Length);
            Assert.Equal(expectedMax[i], probe.MaxReorderDepth);
        }

        probe.ResetReorderDepth();
        Assert.Equal(0, probe.MaxReorderDepth);
    }

    [Fact]
    public void ReplyReceived_InOrder_HoldsNothing()
    {
        using var probe = new RoundProbe { CheckpointEvery = 2 };
        probe.RoundStarted(1, [0, 1, 2, 3, 4]);
        for (int i = 0; i < 5; i++)
        {
            probe.ReplyReceived(1, Failure(i), i + 1, 5);
        }

        probe.StopReadings();
        Assert.Equal(0, probe.MaxReorderDepth);
        Assert.InRange(probe.Checkpoints, 1, 3); // requested after replies 2, 4 and the last; requests made while a reading runs merge
        Assert.True(probe.PeakLiveHeapBytes > 0);
    }

    [Fact]
    public void ReplyProduced_BeforeFolding_CountsUpdatesHeld()
    {
        using var probe = new RoundProbe();
        probe.RoundStarted(1, [0, 1, 2]);
        probe.ReplyProduced(); // client 1 done
        probe.ReplyProduced(); // client 2 done
        Assert.Equal(2, probe.MaxUpdatesHeld);
        probe.ReplyReceived(1, Failure(1), 1, 3);
        probe.ReplyReceived(1, Failure(2), 2, 3);
        probe.ReplyProduced(); // client 0 done: three exist, none folded
        Assert.Equal(3, probe.MaxUpdatesHeld);
        probe.ReplyReceived(1, Failure(0), 3, 3); // all three folded

        probe.RoundStarted(2, [0]);
        probe.ReplyProduced();
        Assert.Equal(3, probe.MaxUpdatesHeld);
        probe.ResetReorderDepth();
        probe.ReplyReceived(2, Failure(0), 1, 1);
        probe.RoundStarted(3, [0]);
        probe.ReplyProduced();
        Assert.Equal(1, probe.MaxUpdatesHeld);
    }

    [Fact]
    public void StopReadings_AfterARequest_TakesItBeforeStopping()
    {
        var held = new float[4 << 20];
        using var probe = new RoundProbe { CheckpointEvery = 1 };
        probe.RoundStarted(1, [0]);
        probe.ReplyReceived(1, Failure(0), 1, 1);

        probe.StopReadings();

        Assert.True(probe.PeakLiveHeapBytes >= 4L * held.Length, $"peak {probe.PeakLiveHeapBytes} below the {4L * held.Length} bytes held");
        GC.KeepAlive(held);
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
