namespace FedShield.Learning.Tests;

public class LocalTrainingOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreOneEpochOfPlainSgdWithReset()
    {
        var options = new LocalTrainingOptions();
        Assert.Equal(1, options.Epochs);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(OptimizerSpec.Sgd(0.01), options.Optimizer);
        Assert.Equal(OptimizerStatePolicy.Reset, options.OptimizerState);
        Assert.Equal(0, options.MaxGradNorm);
        Assert.Equal(1, options.LrDecayPerRound);
    }

    [Fact]
    public void LearningRateForRound_Decay_IsLrTimesDecayToRoundMinusOne()
    {
        var options = new LocalTrainingOptions(optimizer: OptimizerSpec.Sgd(0.02), lrDecayPerRound: 0.992);
        Assert.Equal(0.02, options.LearningRateForRound(1));
        Assert.Equal(0.02 * 0.992 * 0.992, options.LearningRateForRound(3), 15);
        Assert.Equal(0.02 * Math.Pow(0.992, 99), options.LearningRateForRound(100), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.LearningRateForRound(0));
    }

    [Theory]
    [InlineData(0, 32, 1.0, 0.0, 256, "epochs")]
    [InlineData(1, 0, 1.0, 0.0, 256, "batchSize")]
    [InlineData(1, 32, 0.0, 0.0, 256, "lrDecayPerRound")]
    [InlineData(1, 32, double.NaN, 0.0, 256, "lrDecayPerRound")]
    [InlineData(1, 32, 1.0, -1.0, 256, "maxGradNorm")]
    [InlineData(1, 32, 1.0, double.PositiveInfinity, 256, "maxGradNorm")]
    [InlineData(1, 32, 1.0, 0.0, 0, "evaluationBatchSize")]
    public void Constructor_OutOfRange_NamesTheParameter(int epochs, int batchSize, double decay, double maxNorm, int evalBatch, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LocalTrainingOptions(epochs, batchSize, null, decay, OptimizerStatePolicy.Reset, maxNorm, evalBatch));
        Assert.Equal(parameter, e.ParamName);
    }
}
