using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Learning.Tests;

public class LearningClientTransformTests
{
    private static readonly LocalTrainingOptions Fast = new(epochs: 3, batchSize: 16, optimizer: OptimizerSpec.Sgd(0.1, momentum: 0.9));

    [Fact]
    public async Task WithLocalDataTransform_AllLabelsRelabelled_TrainsOnTheNewLabelsWhileTheOriginalIsUnchanged()
    {
        var data = TestData.Blobs(classes: 2, perClass: 50, seed: 11);
        var labelsBefore = data.Labels.ToArray();
        var featuresBefore = data.Features.ToArray();
        var pool = TestData.Pool("mlp(hidden=[16])", data);
        var honest = new LearningClient(4, data, TestData.Range(0, 80), TestData.Range(80, 20), pool, Fast);
        var global = TestData.InitialWeights(pool, seed: 3);
        var honestBefore = TestData.Update(await honest.FitAsync(TestData.Fit(4, global), CancellationToken.None));

        var poisoned = honest.WithLocalDataTransform(new Relabel(0), seed: 5);

        Assert.Equal(4, poisoned.Id);
        Assert.Equal(80, poisoned.TrainCount);
        Assert.Equal(20, poisoned.ValidationCount);
        Assert.Same(honest.Options, poisoned.Options);

        // Every training label is now 0: the model learns to answer 0, right on (nearly) every training
        // sample and on only the class-0 half of the (untouched, balanced) validation samples.
        var update = TestData.Update(await poisoned.FitAsync(TestData.Fit(4, global), CancellationToken.None));
        Assert.Equal(80, update.SampleCount);
        var trainAccuracy = update.Metrics.GetOrNaN(LearningClient.TrainAccuracyMetric);
        Assert.True(trainAccuracy > 0.9, $"training accuracy on the relabelled samples {trainAccuracy}");
        var evaluation = Assert.IsType<ClientEvaluation>(await poisoned.EvaluateAsync(new EvaluateInstruction(1, 4, TestData.Add(global, update.Values)), CancellationToken.None));
        Assert.Equal(20, evaluation.SampleCount);
        Assert.Equal(0.5, evaluation.Accuracy, 6);

        // The shared data set and the original client are untouched: the same instruction gives
        // the same (bit-identical) update, and that update learns the real labels.
        Assert.Equal(labelsBefore, data.Labels.ToArray());
        Assert.Equal(featuresBefore, data.Features.ToArray());
        var honestAfter = TestData.Update(await honest.FitAsync(TestData.Fit(4, global), CancellationToken.None));
        Assert.Equal(honestBefore.Values, honestAfter.Values);
        var honestEvaluation = Assert.IsType<ClientEvaluation>(await honest.EvaluateAsync(new EvaluateInstruction(1, 4, TestData.Add(global, honestAfter.Values)), CancellationToken.None));
        Assert.True(honestEvaluation.Accuracy >= 0.95, $"honest validation accuracy {honestEvaluation.Accuracy}");
    }

    [Fact]
    public void WithLocalDataTransform_HandsTheTrainingSamplesInOrderWithTheLayoutAndASeededRandom()
    {
        var data = TestData.Noise([1, 3, 2], classes: 4, count: 10, seed: 2);
        var pool = TestData.Pool("mlp(hidden=[4])", data);
        int[] train = [7, 2, 5];
        var client = new LearningClient(1, data, train, new[] { 0, 9 }, pool, new LocalTrainingOptions());
        var probe = new Probe();

        var transformed = client.WithLocalDataTransform(probe, seed: 123);

        Assert.Equal(3, probe.Layout!.Count);
        Assert.Equal([1, 3, 2], probe.Layout.SampleShape);
        Assert.Equal(6, probe.Layout.SampleSize);
        Assert.Equal(4, probe.Layout.ClassCount);
        Assert.Equal(train.SelectMany(i => data.Sample(i).ToArray()).ToArray(), probe.Features);
        Assert.Equal(train.Select(data.Label).ToArray(), probe.Labels);
        Assert.Equal(new Random(123).NextDouble(), probe.FirstDraw);
        Assert.Equal(3, transformed.TrainCount);
        Assert.Equal(2, transformed.ValidationCount);
    }

    [Fact]
    public async Task WithLocalDataTransform_ValidationSamplesAreNotTransformed()
    {
        var data = TestData.Blobs(classes: 3, perClass: 10, seed: 4);
        var pool = TestData.Pool("logistic", data);
        var client = new LearningClient(2, data, TestData.Range(0, 20), TestData.Range(20, 10), pool, new LocalTrainingOptions());
        var transformed = client.WithLocalDataTransform(new Relabel(1), seed: 0);
        var weights = TestData.InitialWeights(pool, seed: 9);

        var original = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 2, weights), CancellationToken.None));
        var after = Assert.IsType<ClientEvaluation>(await transformed.EvaluateAsync(new EvaluateInstruction(1, 2, weights), CancellationToken.None));
        Assert.Equal(original.Loss, after.Loss);
        Assert.Equal(original.Accuracy, after.Accuracy);
    }

    [Fact]
    public void WithLocalDataTransform_LabelOutsideTheClasses_IsRejectedNamingTheTransform()
    {
        var data = TestData.Blobs(classes: 2, perClass: 5, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var client = new LearningClient(6, data, TestData.Range(0, 10), default, pool, new LocalTrainingOptions());

        var error = Assert.Throws<ArgumentException>(() => client.WithLocalDataTransform(new Relabel(2), seed: 0));
        Assert.Contains("LearningClient 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("'relabel to 2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside [0, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithLocalDataTransform_NonFiniteFeature_IsRejected()
    {
        var data = TestData.Blobs(classes: 2, perClass: 5, seed: 1);
        var pool = TestData.Pool("logistic", data);
        var client = new LearningClient(0, data, TestData.Range(0, 10), default, pool, new LocalTrainingOptions());

        var error = Assert.Throws<ArgumentException>(() => client.WithLocalDataTransform(new Poison(), seed: 0));
        Assert.Contains("feature 1 of training sample 3 at NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithLocalDataTransform_ThroughTheInterface_GivesATransformedLearningClient()
    {
        var data = TestData.Blobs(classes: 2, perClass: 5, seed: 1);
        var pool = TestData.Pool("logistic", data);
        ITransformableClient client = new LearningClient(3, data, TestData.Range(0, 10), default, pool, new LocalTrainingOptions());

        var transformed = Assert.IsType<LearningClient>(client.WithLocalDataTransform(new Relabel(0), seed: 0));
        Assert.Equal(3, transformed.Id);
        Assert.Equal(10, transformed.TrainCount);
    }

    /// <summary>Gives every training sample one label.</summary>
    private sealed class Relabel(int label) : ILocalDataTransform
    {
        public string Name => $"relabel to {label}";

        public void Apply(Span<float> features, Span<int> labels, LocalDataLayout layout, Random random) => labels.Fill(label);
    }

    /// <summary>Records what it was handed.</summary>
    private sealed class Probe : ILocalDataTransform
    {
        public string Name => "probe";

        public LocalDataLayout? Layout { get; private set; }

        public float[] Features { get; private set; } = [];

        public int[] Labels { get; private set; } = [];

        public double FirstDraw { get; private set; }

        public void Apply(Span<float> features, Span<int> labels, LocalDataLayout layout, Random random)
        {
            Layout = layout;
            Features = features.ToArray();
            Labels = labels.ToArray();
            FirstDraw = random.NextDouble();
        }
    }

    /// <summary>Writes a NaN into sample 3.</summary>
    private sealed class Poison : ILocalDataTransform
    {
        public string Name => "nan";

        public void Apply(Span<float> features, Span<int> labels, LocalDataLayout layout, Random random) => features[(3 * layout.SampleSize) + 1] = float.NaN;
    }
}
