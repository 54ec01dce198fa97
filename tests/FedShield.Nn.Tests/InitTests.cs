using FedShield.Nn.Layers;
using FedShield.Nn.Models;

namespace FedShield.Nn.Tests;

public class InitTests
{
    private static void AssertUniform(float[] values, double bound)
    {
        Assert.All(values, v => Assert.InRange(v, -bound, bound));
        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => ((double)v - mean) * ((double)v - mean));
        Assert.InRange(mean, -0.05 * bound, 0.05 * bound);

        // U(−b, b) has variance b²/3; the extremes come close to ±b.
        Assert.InRange(variance, 0.9 * bound * bound / 3, 1.1 * bound * bound / 3);
        Assert.True(values.Max() > 0.95 * bound && values.Min() < -0.95 * bound);
    }

    [Fact]
    public void Linear_WeightsAndBias_AreUniformWithinOneOverSqrtFanIn()
    {
        var layer = new Linear(64, 256, new Random(1));
        AssertUniform(layer.Weight.Value.ToArray(), 1 / Math.Sqrt(64));
        Assert.All(layer.Bias!.Value.ToArray(), v => Assert.InRange(v, -1 / Math.Sqrt(64), 1 / Math.Sqrt(64)));
    }

    [Fact]
    public void Conv2d_FanIn_IsChannelsTimesKernelArea()
    {
        var layer = new Conv2d(10, 64, 5, new Random(2));
        double bound = 1 / Math.Sqrt(10 * 5 * 5);
        AssertUniform(layer.Weight.Value.ToArray(), bound);
        Assert.All(layer.Bias!.Value.ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void KaimingUniformBound_WithSqrt5_IsOneOverSqrtFanIn()
    {
        Assert.Equal(1 / Math.Sqrt(320), Init.KaimingUniformBound(320, Init.DefaultKaimingA), 12);
        Assert.Equal(Math.Sqrt(6.0 / 320), Init.KaimingUniformBound(320, 0), 12);
    }

    [Fact]
    public void Embedding_Weights_AreStandardNormal()
    {
        var values = new Embedding(100, 100, new Random(3)).Weight.Value.ToArray();
        double mean = values.Average(v => (double)v);
        double std = Math.Sqrt(values.Average(v => ((double)v - mean) * ((double)v - mean)));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(std, 0.97, 1.03);
    }

    [Fact]
    public void Norms_StartAsIdentity()
    {
        var bn = new BatchNorm2d(3);
        Assert.Equal([1f, 1f, 1f], bn.Weight!.Value.ToArray());
        Assert.Equal([0f, 0f, 0f], bn.Bias!.Value.ToArray());
        Assert.Equal([0f, 0f, 0f], bn.RunningMean!.Value.ToArray());
        Assert.Equal([1f, 1f, 1f], bn.RunningVar!.Value.ToArray());
        var ln = new LayerNorm(4);
        Assert.Equal([1f, 1f, 1f, 1f], ln.Weight!.Value.ToArray());
        Assert.Equal([0f, 0f, 0f, 0f], ln.Bias!.Value.ToArray());
    }

    [Fact]
    public void SameSeed_GivesIdenticalModels_DifferentSeedDoesNot()
    {
        var a = new MnistCnn(new Random(9)).ParameterBuffer.ToArray();
        var b = new MnistCnn(new Random(9)).ParameterBuffer.ToArray();
        var c = new MnistCnn(new Random(10)).ParameterBuffer.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Uniform_InvalidBounds_Throw()
    {
        Assert.Throws<ArgumentException>(() => Init.Uniform(new float[2], 1, 0, new Random(1)));
        Assert.Throws<ArgumentException>(() => Init.Normal(new float[2], 0, -1, new Random(1)));
    }
}
