using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class BatchNormTests
{
    private const double Eps = 1e-5;

    // Channel 0: 1, 2, 3, 4 (mean 2.5, biased var 1.25, unbiased 5/3); channel 1: 0, 0, 2, 2 (mean 1, var 1, unbiased 4/3).
    private static Tensor Batch() => Tensor.FromArray([1f, 0f, 2f, 0f, 3f, 2f, 4f, 2f], 4, 2);

    [Fact]
    public void Forward_Training_NormalisesWithBatchStatistics()
    {
        var bn = new BatchNorm1d(2);
        var y = bn.Forward(Batch());
        double s0 = Math.Sqrt(1.25 + Eps);
        double s1 = Math.Sqrt(1 + Eps);
        Expect.Close([-1.5 / s0, -1 / s1, -0.5 / s0, -1 / s1, 0.5 / s0, 1 / s1, 1.5 / s0, 1 / s1], y);
    }

    [Fact]
    public void Forward_Training_UpdatesRunningStatisticsWithUnbiasedVariance()
    {
        var bn = new BatchNorm1d(2);
        bn.Forward(Batch());
        Expect.Close([0.1 * 2.5, 0.1 * 1], bn.RunningMean!.Value);
        Expect.Close([0.9 + (0.1 * 5 / 3.0), 0.9 + (0.1 * 4 / 3.0)], bn.RunningVar!.Value);
        bn.Forward(Batch());
        Expect.Close([(0.9 * 0.25) + 0.25, (0.9 * 0.1) + 0.1], bn.RunningMean.Value);
        Assert.Equal(2, bn.BatchesTracked);
    }

    [Fact]
    public void Forward_Eval_UsesRunningStatisticsAndLeavesThemAlone()
    {
        var bn = new BatchNorm1d(2);
        bn.RunningMean!.CopyFrom([1f, -1f]);
        bn.RunningVar!.CopyFrom([4f, 0.25f]);
        bn.Weight!.CopyFrom([2f, 1f]);
        bn.Bias!.CopyFrom([0f, 0.5f]);
        bn.Eval();
        var y = bn.Forward(Tensor.FromArray([3f, 0f], 1, 2));
        Expect.Close([2 * 2 / Math.Sqrt(4 + Eps), (1 / Math.Sqrt(0.25 + Eps)) + 0.5], y);
        Assert.Equal([1f, -1f], bn.RunningMean.Value.ToArray());
        Assert.Equal(0, bn.BatchesTracked);
    }

    [Fact]
    public void BatchNorm2d_Training_PoolsOverBatchAndSpace()
    {
        // Channel 0 holds 1..4 over a 2×2 image for one sample and 5..8 for the other.
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 2, 1, 2, 2);
        var bn = new BatchNorm2d(1);
        var y = bn.Forward(x);
        double mean = 4.5;
        double variance = 5.25;   // biased variance of 1..8
        Expect.Close([.. Enumerable.Range(1, 8).Select(v => (v - mean) / Math.Sqrt(variance + Eps))], y);
        Expect.Close([0.45], bn.RunningMean!.Value);
        Expect.Close([0.9 + (0.1 * 6)], bn.RunningVar!.Value);   // unbiased 42/7 = 6
    }

    [Fact]
    public void BatchNorm1d_ThreeDimensionalInput_PoolsOverLength()
    {
        var x = Tensor.FromArray([1f, 3f, 10f, 10f, 5f, 7f, 20f, 20f], 2, 2, 2);
        var y = new BatchNorm1d(2).Forward(x);

        // Channel 0: 1, 3, 5, 7 (mean 4, var 5); channel 1 is constant (var 0).
        double s = Math.Sqrt(5 + Eps);
        double c = Math.Sqrt(25 + Eps);
        Expect.Close([-3 / s, -1 / s, -5 / c, -5 / c, 1 / s, 3 / s, 5 / c, 5 / c], y);
    }

    [Fact]
    public void Forward_Training_SingleValuePerChannel_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Tensor.Ones(1, 3)));
        Assert.Contains("more than one value per channel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_WrongChannels_NamesLayerAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Tensor.Ones(2, 4, 2, 2)));
        Assert.Contains("BatchNorm2d(3) given input (2, 4, 2, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_WithoutRunningStats_HasNoBuffersAndUsesBatchStatsInEval()
    {
        var bn = new BatchNorm1d(2, trackRunningStats: false);
        Assert.Equal(["weight", "bias"], bn.StateEntries().Select(e => e.Name));
        bn.Eval();
        Expect.Close(new BatchNorm1d(2).Forward(Batch()).ToArray().Select(v => (double)v).ToArray(), bn.Forward(Batch()));
    }

    [Fact]
    public void Gradient_Training_MatchesCentralDifferences()
    {
        var bn = new BatchNorm1d(3);
        bn.Weight!.CopyFrom([1.5f, -0.5f, 1f]);
        bn.Bias!.CopyFrom([0.1f, 0.2f, -0.3f]);
        var x = Tensor.Uniform(new Random(3), -1f, 1f, 5, 3);
        GradCheck.Check(t => bn.Forward(t[0]), [x, bn.Weight.Value, bn.Bias.Value]);
    }

    [Fact]
    public void Gradient_BatchNorm2dTraining_MatchesCentralDifferences()
    {
        var bn = new BatchNorm2d(2);
        var x = Tensor.Uniform(new Random(5), -1f, 1f, 2, 2, 2, 3);
        GradCheck.Check(t => bn.Forward(t[0]), [x, bn.Weight!.Value, bn.Bias!.Value]);
    }

    [Fact]
    public void Gradient_Eval_MatchesCentralDifferences()
    {
        var bn = new BatchNorm1d(2);
        bn.RunningMean!.CopyFrom([0.3f, -0.2f]);
        bn.RunningVar!.CopyFrom([0.5f, 2f]);
        bn.Eval();
        var x = Tensor.Uniform(new Random(6), -1f, 1f, 3, 2);
        GradCheck.Check(t => bn.Forward(t[0]), [x, bn.Weight!.Value, bn.Bias!.Value]);
    }
}
