using FedShield.Federation.Messages;
using FedShield.Learning.Models;
using FedShield.Nn;
using FedShield.Nn.Layers;

namespace FedShield.Learning.Tests;

public class LearningClientTests
{
    private static readonly LocalTrainingOptions Fast = new(epochs: 3, batchSize: 16, optimizer: OptimizerSpec.Sgd(0.1, momentum: 0.9));

    [Fact]
    public async Task Fit_SeparableBlobs_ReachesNinetyFivePercentValidationAccuracyWithinThreeEpochs()
    {
        var data = TestData.Blobs(classes: 3, perClass: 100, seed: 1);
        var pool = TestData.Pool("mlp(hidden=[16])", data);
        var client = new LearningClient(7, data, TestData.Range(0, 240), TestData.Range(240, 60), pool, Fast);
        var global = TestData.InitialWeights(pool, seed: 3);

        var update = TestData.Update(await client.FitAsync(TestData.Fit(7, global), CancellationToken.None));
        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal(240, update.SampleCount);
        Assert.Equal(7, update.ClientId);
        Assert.Equal(1, update.Round);
        Assert.Equal(pool.ParameterCount, update.Values.Length);
        Assert.True(update.Metrics.GetOrNaN(LearningClient.TrainAccuracyMetric) > 0.8);
        Assert.True(update.Metrics.GetOrNaN(LearningClient.TrainLossMetric) < 0.5);

        var trained = TestData.Add(global, update.Values);
        var evaluation = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 7, trained), CancellationToken.None));
        Assert.Equal(60, evaluation.SampleCount);
        Assert.True(evaluation.Accuracy >= 0.95, $"validation accuracy {evaluation.Accuracy}");
        Assert.True(evaluation.Loss < 0.3, $"validation loss {evaluation.Loss}");
    }

    [Fact]
    public async Task Fit_AdultMlpOnBinaryTask_TrainsOneLogitWithBceToNinetyFivePercent()
    {
        var data = TestData.Blobs(classes: 2, perClass: 100, seed: 2);
        var pool = TestData.Pool("adult-mlp", data);
        Assert.Equal(ModelHead.SingleLogit, pool.Head);
        var client = new LearningClient(0, data, TestData.Range(0, 160), TestData.Range(160, 40), pool, Fast);
        var global = TestData.InitialWeights(pool, seed: 4);

        var update = TestData.Update(await client.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        var evaluation = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 0, TestData.Add(global, update.Values)), CancellationToken.None));
        Assert.True(evaluation.Accuracy >= 0.95, $"validation accuracy {evaluation.Accuracy}");
        Assert.True(evaluation.Loss < 0.2, $"validation BCE {evaluation.Loss}");
    }

    [Fact]
    public async Task Fit_SameInstructionFromTwoPools_GivesBitIdenticalDelta()
    {
        var data = TestData.Blobs(classes: 3, perClass: 30, seed: 5);
        var options = new LocalTrainingOptions(epochs: 2, batchSize: 7, optimizer: OptimizerSpec.Adam(0.01));
        var poolA = TestData.Pool("mlp(hidden=[8,8])", data, seed: 0);
        var poolB = TestData.Pool("mlp(hidden=[8,8])", data, seed: 99);
        var global = TestData.InitialWeights(poolA, seed: 6);

        // Pool B's instance first trains another client from other weights: nothing may leak.
        var other = new LearningClient(1, data, TestData.Range(45, 45), default, poolB, options);
        TestData.Update(await other.FitAsync(TestData.Fit(1, TestData.InitialWeights(poolB, seed: 8), seed: 3), CancellationToken.None));

        var a = new LearningClient(0, data, TestData.Range(0, 45), default, poolA, options);
        var b = new LearningClient(0, data, TestData.Range(0, 45), default, poolB, options);
        var first = TestData.Update(await a.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        var second = TestData.Update(await Task.Run(async () => await b.FitAsync(TestData.Fit(0, global), CancellationToken.None)));
        Assert.Equal(first.Values, second.Values);
        Assert.Equal(first.Metrics.ToString(), second.Metrics.ToString());

        var again = TestData.Update(await a.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        Assert.Equal(first.Values, again.Values);

        var otherSeed = TestData.Update(await a.FitAsync(TestData.Fit(0, global, seed: 43), CancellationToken.None));
        Assert.NotEqual(first.Values, otherSeed.Values);
    }

    [Theory]
    [InlineData("mnist-cnn", 1, 28, 28, 10)]
    [InlineData("cnn-cifar(channels=2)", 3, 32, 32, 10)]
    [InlineData("mlp(hidden=[8])", 3, 32, 32, 4)]
    public async Task Fit_ImageModels_TrainOnImageBatchesIncludingAPartialOne(string spec, int c, int h, int w, int classes)
    {
        var data = TestData.Noise([c, h, w], classes, count: 12, seed: 1);
        var pool = TestData.Pool(spec, data);
        var client = new LearningClient(0, data, TestData.Range(0, 10), TestData.Range(10, 2), pool, new LocalTrainingOptions(batchSize: 4));
        var global = TestData.InitialWeights(pool, 1);
        var update = TestData.Update(await client.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        Assert.Equal(pool.ParameterCount, update.Values.Length);
        Assert.Contains(update.Values, v => v != 0);
        Assert.All(update.Values, v => Assert.True(float.IsFinite(v)));
        var evaluation = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 0, global), CancellationToken.None));
        Assert.Equal(2, evaluation.SampleCount);
        Assert.True(double.IsFinite(evaluation.Loss));
    }

    [Theory]
    [InlineData("client", "the instruction is addressed to client 4, not 3")]
    [InlineData("length", "weights were sent for model 'logistic' of 6 parameters")]
    [InlineData("nan", "weight 2 is NaN")]
    [InlineData("round", "round 0 is not a round number")]
    [InlineData("mu", "the proximal coefficient μ = -0.5 must be finite and ≥ 0")]
    public async Task Fit_MalformedInstruction_ReturnsMalformedFailure(string defect, string reason)
    {
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var client = new LearningClient(3, data, TestData.Range(0, 20), default, pool, new LocalTrainingOptions());
        var weights = new float[pool.ParameterCount];
        var instruction = defect switch
        {
            "client" => TestData.Fit(4, weights),
            "length" => TestData.Fit(3, new float[5]),
            "nan" => TestData.Fit(3, [0, 0, float.NaN, 0, 0, 0]),
            "round" => TestData.Fit(3, weights, round: 0),
            _ => TestData.Fit(3, weights, mu: -0.5),
        };

        var failure = Assert.IsType<ClientFailure>(await client.FitAsync(instruction, CancellationToken.None));
        Assert.Equal(FailureKind.Malformed, failure.Kind);
        Assert.Equal(3, failure.ClientId);
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MalformedInstruction_ReturnsMalformedFailure()
    {
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var client = new LearningClient(3, data, TestData.Range(0, 15), TestData.Range(15, 5), pool, new LocalTrainingOptions());
        var failure = Assert.IsType<ClientFailure>(await client.EvaluateAsync(new EvaluateInstruction(2, 3, new float[7]), CancellationToken.None));
        Assert.Equal(FailureKind.Malformed, failure.Kind);
        Assert.Contains("7 weights were sent", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_CancelledToken_ThrowsAndGivesTheModelBack()
    {
        var data = TestData.Blobs(classes: 2, perClass: 20, seed: 1);
        var pool = TestData.Pool("mlp(hidden=[4])", data);
        var client = new LearningClient(0, data, TestData.Range(0, 30), TestData.Range(30, 10), pool, Fast);
        var global = TestData.InitialWeights(pool, seed: 1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await client.FitAsync(TestData.Fit(0, global), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await client.EvaluateAsync(new EvaluateInstruction(1, 0, global), cancelled.Token));

        TestData.Update(await client.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        Assert.Equal(1, pool.InstanceCount);
    }

    [Fact]
    public async Task Evaluate_NoValidationSamples_ReportsZeroSamplesAndNaN()
    {
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var client = new LearningClient(0, data, TestData.Range(0, 20), default, pool, new LocalTrainingOptions());
        var evaluation = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(5, 0, new float[pool.ParameterCount]), CancellationToken.None));
        Assert.Equal(0, evaluation.SampleCount);
        Assert.Equal(5, evaluation.Round);
        Assert.True(double.IsNaN(evaluation.Loss));
        Assert.True(double.IsNaN(evaluation.Accuracy));
    }

    [Fact]
    public async Task Fit_HugeLearningRate_ReportsDivergenceAsErrorFailure()
    {
        var data = TestData.Blobs(classes: 3, perClass: 20, seed: 1);
        var pool = TestData.Pool("mlp(hidden=[8])", data);
        var options = new LocalTrainingOptions(epochs: 5, batchSize: 4, optimizer: OptimizerSpec.Sgd(1e30));
        var client = new LearningClient(0, data, TestData.Range(0, 60), default, pool, options);
        var failure = Assert.IsType<ClientFailure>(await client.FitAsync(TestData.Fit(0, TestData.InitialWeights(pool, 1)), CancellationToken.None));
        Assert.Equal(FailureKind.Error, failure.Kind);
        Assert.StartsWith("local training diverged:", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_GradientClipping_BoundsEachStep()
    {
        // One epoch of 60 samples in batches of 8 is 8 plain SGD steps of at most lr·maxNorm each.
        var data = TestData.Blobs(classes: 3, perClass: 20, seed: 1);
        var pool = TestData.Pool("mlp(hidden=[8])", data);
        var global = TestData.InitialWeights(pool, 1);
        var clipped = new LearningClient(0, data, TestData.Range(0, 60), default, pool, new LocalTrainingOptions(batchSize: 8, optimizer: OptimizerSpec.Sgd(0.5), maxGradNorm: 1e-3));
        var free = new LearningClient(0, data, TestData.Range(0, 60), default, pool, new LocalTrainingOptions(batchSize: 8, optimizer: OptimizerSpec.Sgd(0.5)));
        var small = TestData.Update(await clipped.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        var large = TestData.Update(await free.FitAsync(TestData.Fit(0, global), CancellationToken.None));
        Assert.True(TestData.Norm(small.Values) <= (8 * 0.5 * 1e-3) + 1e-6, $"clipped delta norm {TestData.Norm(small.Values)}");
        Assert.True(TestData.Norm(large.Values) > 0.1, $"unclipped delta norm {TestData.Norm(large.Values)}");
    }

    [Fact]
    public async Task Fit_LearningRateDecay_HalvesTheSecondRoundsStep()
    {
        // One full-batch plain-SGD step: delta = −lr·d^(r−1)·g, so round 2 with d = 0.5 moves half as far.
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var options = new LocalTrainingOptions(batchSize: 20, optimizer: OptimizerSpec.Sgd(0.1), lrDecayPerRound: 0.5);
        var client = new LearningClient(0, data, TestData.Range(0, 20), default, pool, options);
        var global = TestData.InitialWeights(pool, 1);
        var round1 = TestData.Update(await client.FitAsync(TestData.Fit(0, global, round: 1), CancellationToken.None));
        var round2 = TestData.Update(await client.FitAsync(TestData.Fit(0, global, round: 2), CancellationToken.None));
        for (int i = 0; i < round1.Values.Length; i++)
        {
            Assert.Equal(round1.Values[i] / 2, round2.Values[i], 1e-6f);
        }
    }

    [Fact]
    public async Task ForPartition_TakesIdAndIndicesFromThePartition()
    {
        var data = TestData.Blobs(classes: 2, perClass: 20, seed: 1);
        var partition = Data.Partitions.Partition.Create(data, new Data.Partitions.IidPartitioner(), clientCount: 4, seed: 3, validationFraction: 0.2);
        var pool = TestData.Pool("logistic", data);
        var client = LearningClient.ForPartition(partition[2], data, pool, new LocalTrainingOptions());
        Assert.Equal(2, client.Id);
        Assert.Equal(partition[2].Train.Length, client.TrainCount);
        Assert.Equal(partition[2].Validation.Length, client.ValidationCount);
        Assert.True(client.ValidationCount > 0);
        var update = TestData.Update(await client.FitAsync(TestData.Fit(2, new float[pool.ParameterCount]), CancellationToken.None));
        Assert.Equal(client.TrainCount, update.SampleCount);
    }

    [Fact]
    public void Constructor_ModelWithBuffers_IsRejected()
    {
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var blueprint = new ModelBlueprint("bn-mlp", ModelInput.Of(data), ModelHead.Logits, [2], r =>
        {
            var m = new Sequential(new Linear(2, 4, r), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, r));
            m.Materialize();
            return m;
        });
        var e = Assert.Throws<ArgumentException>(() => new LearningClient(0, data, TestData.Range(0, 20), default, new ModelPool(blueprint), new LocalTrainingOptions()));
        Assert.Contains("model 'bn-mlp' has 8 buffer values", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ModelEvaluator(data, new ModelPool(blueprint)));
    }

    [Fact]
    public void Constructor_DataOfAnotherShape_SaysBoth()
    {
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var pool = TestData.Pool("logistic", TestData.Blobs(classes: 3, perClass: 10, seed: 1));
        var e = Assert.Throws<ArgumentException>(() => new LearningClient(0, data, TestData.Range(0, 20), default, pool, new LocalTrainingOptions()));
        Assert.Contains("data set 'blobs' has samples (2), 2 classes, but model 'logistic' was built for samples (2), 3 classes.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadIndices_AreRejected()
    {
        var data = TestData.Blobs(classes: 2, perClass: 10, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var options = new LocalTrainingOptions();
        Assert.Throws<ArgumentException>(() => new LearningClient(0, data, default, TestData.Range(0, 5), pool, options));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LearningClient(0, data, TestData.Range(15, 6), default, pool, options));
        Assert.Contains("training index 20 at position 5 is outside data set 'blobs' of 20 samples", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningClient(0, data, TestData.Range(0, 5), new[] { -1 }, pool, options));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningClient(-1, data, TestData.Range(0, 5), default, pool, options));
    }
}
