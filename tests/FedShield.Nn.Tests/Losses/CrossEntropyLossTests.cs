using FedShield.Nn.Losses;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Losses;

public class CrossEntropyLossTests
{
    private static readonly double Loss0 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;   // row [1, 2, 3], target 2
    private static readonly double Loss1 = Math.Log(3);                                             // row [1, 1, 1], target 0

    private static Tensor Logits() => Tensor.FromArray([1f, 2f, 3f, 1f, 1f, 1f], 2, 3);

    [Fact]
    public void Forward_Mean_AveragesPerSampleLosses() =>
        Expect.Close((Loss0 + Loss1) / 2, new CrossEntropyLoss().Forward(Logits(), [2, 0]));

    [Fact]
    public void Forward_Sum_AddsPerSampleLosses() =>
        Expect.Close(Loss0 + Loss1, new CrossEntropyLoss(new ClassificationLossOptions(Reduction.Sum)).Forward(Logits(), [2, 0]));

    [Fact]
    public void Forward_None_ReturnsPerSampleLosses()
    {
        var y = new CrossEntropyLoss(new ClassificationLossOptions(Reduction.None)).Forward(Logits(), [2, 0]);
        Expect.Shape([2], y);
        Expect.Close([Loss0, Loss1], y);
    }

    [Fact]
    public void Forward_ClassWeights_MeanDividesBySumOfTargetWeights()
    {
        var options = new ClassificationLossOptions(classWeights: [2f, 1f, 0.5f]);
        double expected = ((0.5 * Loss0) + (2 * Loss1)) / (0.5 + 2);
        Expect.Close(expected, new CrossEntropyLoss(options).Forward(Logits(), [2, 0]));
        var none = new CrossEntropyLoss(new ClassificationLossOptions(Reduction.None, [2f, 1f, 0.5f])).Forward(Logits(), [2, 0]);
        Expect.Close([0.5 * Loss0, 2 * Loss1], none);
    }

    [Fact]
    public void Forward_IgnoreIndex_DropsThoseSamplesFromSumAndCount()
    {
        var options = new ClassificationLossOptions(ignoreIndex: -100);
        Expect.Close(Loss1, new CrossEntropyLoss(options).Forward(Logits(), [-100, 0]));
    }

    [Fact]
    public void Backward_Mean_GivesSoftmaxMinusOneHotOverN()
    {
        var x = Logits();
        x.RequiresGrad = true;
        new CrossEntropyLoss().Forward(x, [2, 0]).Backward();
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Expect.Close(
            [Math.Exp(1) / z / 2, Math.Exp(2) / z / 2, ((Math.Exp(3) / z) - 1) / 2, ((1 / 3.0) - 1) / 2, 1 / 6.0, 1 / 6.0],
            x.Grad!);
    }

    [Fact]
    public void Gradient_WeightedMean_MatchesCentralDifferences()
    {
        var loss = new CrossEntropyLoss(new ClassificationLossOptions(classWeights: [1f, 2f, 0.5f, 1.5f]));
        var x = Tensor.Uniform(new Random(4), -2f, 2f, 5, 4);
        GradCheck.Check(t => loss.Forward(t[0], [0, 3, 1, 1, 2]), [x]);
    }

    [Fact]
    public void HessianVector_ThroughLoss_MatchesCentralDifferences()
    {
        var loss = new CrossEntropyLoss();
        var x = Tensor.Uniform(new Random(6), -2f, 2f, 3, 4);
        GradCheck.CheckHessianVector(t => loss.Forward(t[0], [2, 0, 3]), [x]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Forward_TargetOutOfRange_NamesTargetAndClassCount(int bad)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss().Forward(Logits(), [0, bad]));
        Assert.Contains($"target {bad} at position 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 classes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_WrongTargetCount_Throws() =>
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Logits(), [0]));

    [Fact]
    public void Forward_WrongWeightCount_Throws() =>
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss(new ClassificationLossOptions(classWeights: [1f, 1f])).Forward(Logits(), [0, 1]));

    [Fact]
    public void Options_NegativeWeight_Throws() =>
        Assert.Throws<ArgumentException>(() => new ClassificationLossOptions(classWeights: [1f, -1f]));
}
