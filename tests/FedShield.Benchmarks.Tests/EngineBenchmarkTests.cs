namespace FedShield.Benchmarks.Tests;

public class EngineBenchmarkTests
{
    [Fact]
    public void Run_BothWorkloads_TrainsAndMeasures()
    {
        var report = EngineBenchmark.Run(new EngineBenchmarkOptions(epochs: 1, samples: 128, warmupEpochs: 1, runReference: false));
        Assert.Equal(["mnist-cnn", "adult-mlp"], report.Workloads.Select(w => w.Name));
        foreach (var w in report.Workloads)
        {
            Assert.True(w.FedShieldSamplesPerSecond > 0);
            Assert.Equal(2, w.Steps);
            Assert.True(double.IsFinite(w.FinalLoss) && w.FinalLoss > 0, $"{w.Name}: loss {w.FinalLoss}");
            Assert.Null(w.PyTorchSamplesPerSecond);
            Assert.Null(w.Ratio);
        }

        Assert.StartsWith("not run", report.ReferenceNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SteadyState_AllocatesLittlePerStep()
    {
        // Tensor storage comes from the step's TensorScope pool; what remains is graph bookkeeping.
        // A regression that allocates activations per step (hundreds of KB for the CNN) fails here.
        var report = EngineBenchmark.Run(new EngineBenchmarkOptions(epochs: 2, samples: 128, warmupEpochs: 1, runReference: false));
        foreach (var w in report.Workloads)
        {
            Assert.True(w.AllocatedBytesPerStep < 64 * 1024, $"{w.Name} allocated {w.AllocatedBytesPerStep} bytes per step");
        }
    }

    [Fact]
    public void Options_Invalid_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineBenchmarkOptions(epochs: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineBenchmarkOptions(batchSize: 0));
        var ex = Assert.Throws<ArgumentException>(() => new EngineBenchmarkOptions(workloads: ["vgg"]));
        Assert.Contains("vgg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Ratio_IsFedShieldOverPyTorch()
    {
        var r = new WorkloadResult("mnist-cnn", 300, 200, 0, 1, 1, 1);
        Assert.Equal(1.5, r.Ratio);
        var report = new EngineBenchmarkReport("cpu", [r], "PyTorch 1.13");
        Assert.Contains("\"ratio\": 1.5", report.ToJson(), StringComparison.Ordinal);
        Assert.Contains("1.50x", report.ToTable(), StringComparison.Ordinal);
    }
}
