using FedShield.Nn.Losses;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Losses;

public class NllLossTests
{
    private static Tensor LogProbs() => Tensor.FromArray([-0.5f, -1.0f, -2.0f, -0.1f], 2, 2);

    [Fact]
    public void Forward_Mean_NegatesPickedLogProbabilities() =>
        Expect.Close(1.5, new NllLoss().Forward(LogProbs(), [1, 0]));

    [Fact]
    public void Forward_ClassWeights_WeightedMean()
    {
        // −w[1]·(−1.0) − w[0]·(−2.0) = 3 + 2, divided by w[1] + w[0] = 4.
        var loss = new NllLoss(new ClassificationLossOptions(classWeights: [1f, 3f]));
        Expect.Close(1.25, loss.Forward(LogProbs(), [1, 0]));
    }

    [Fact]
    public void Forward_IgnoredTarget_ContributesZero()
    {
        var none = new NllLoss(new ClassificationLossOptions(Reduction.None, ignoreIndex: 7)).Forward(LogProbs(), [1, 7]);
        Expect.Close([1.0, 0], none);
        Expect.Close(1.0, new NllLoss(new ClassificationLossOptions(ignoreIndex: 7)).Forward(LogProbs(), [1, 7]));
    }

    [Fact]
    public void Forward_Sum() => Expect.Close(3.0, new NllLoss(new ClassificationLossOptions(Reduction.Sum)).Forward(LogProbs(), [1, 0]));

    [Fact]
    public void Forward_NotMatrix_Throws() =>
        Assert.Throws<ArgumentException>(() => new NllLoss().Forward(Tensor.Zeros(4), [0]));

    [Fact]
    public void Forward_TargetOutOfRange_NamesIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NllLoss().Forward(LogProbs(), [2, 0]));
        Assert.Contains("target 2 at position 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 classes", e.Message, StringComparison.Ordinal);
    }
}
