using FedShield.Data;
using FedShield.Nn.Models;

namespace FedShield.Learning.Tests;

public class ModelEvaluatorTests
{
    // Logistic regression with W = I and b = 0 predicts the argmax of the features.
    private static float[] Identity(int classes) =>
        [.. Enumerable.Range(0, classes * classes).Select(i => i / classes == i % classes ? 1f : 0f), .. new float[classes]];

    [Fact]
    public void Evaluate_HandBuiltCase_GivesLossAccuracyAndPerClassAccuracy()
    {
        // Four classes; class 3 has no sample. Predictions: argmax of each row.
        float[][] rows =
        [
            [2, 0, 0, 0],   // label 0, predicted 0
            [0, 1, 0, 0],   // label 0, predicted 1
            [0, 3, 1, 0],   // label 1, predicted 1
            [0, 0, 2, 0],   // label 2, predicted 2
            [1, 0, 0, 0],   // label 2, predicted 0
            [0, 0, 0, 5],   // label 2, predicted 3
        ];
        int[] labels = [0, 0, 1, 2, 2, 2];
        var test = new Dataset("hand", [.. rows.SelectMany(r => r)], [4], labels, ["a", "b", "c", "d"]);
        var pool = TestData.Pool("logistic", test);
        var result = new ModelEvaluator(test, pool, batchSize: 4).Evaluate(Identity(4), CancellationToken.None);

        Assert.Equal(6, result.SampleCount);
        Assert.Equal(3 / 6.0, result.Accuracy, 12);
        Assert.Equal(0.5, result.PerClassAccuracy[0], 12);
        Assert.Equal(1.0, result.PerClassAccuracy[1], 12);
        Assert.Equal(1 / 3.0, result.PerClassAccuracy[2], 12);
        Assert.True(double.IsNaN(result.PerClassAccuracy[3]));

        double expectedLoss = rows.Select((r, i) => Math.Log(r.Sum(v => Math.Exp(v))) - r[labels[i]]).Average();
        Assert.Equal(expectedLoss, result.Loss, 5);
    }

    [Fact]
    public void Evaluate_SingleLogitHead_UsesBceAndTheSignOfTheLogit()
    {
        // adult-mlp on 2 features with hidden unit 0 = relu(x0) and logit = h0 − 0.5.
        float[] x0 = [0.0f, 0.2f, 1.0f, 2.0f, 0.9f];
        int[] labels = [0, 1, 1, 0, 0];
        var test = new Dataset("bin", [.. x0.SelectMany(v => new[] { v, 7f })], [2], labels, ["no", "yes"]);
        var pool = TestData.Pool("adult-mlp", test);
        var model = (AdultMlp)pool.Blueprint.Create(new Random(0));
        model.ParameterBuffer.Clear();
        model.Fc1.Weight.Value[0, 0] = 1f;
        model.Fc2.Weight.Value[0, 0] = 1f;
        model.Fc2.Bias!.Value[0] = -0.5f;

        var result = new ModelEvaluator(test, pool).Evaluate(model.ParameterBuffer.ToArray(), CancellationToken.None);

        double[] logits = [.. x0.Select(v => Math.Max(v, 0) - 0.5)];
        double bce = logits.Select((z, i) => Math.Log(1 + Math.Exp(z)) - (labels[i] * z)).Average();
        Assert.Equal(bce, result.Loss, 5);
        Assert.Equal(2 / 5.0, result.Accuracy, 12);   // predictions 0, 0, 1, 1, 1
        Assert.Equal(1 / 3.0, result.PerClassAccuracy[0], 12);
        Assert.Equal(0.5, result.PerClassAccuracy[1], 12);
    }

    [Fact]
    public void Evaluate_BatchSizeDoesNotChangeTheResultBeyondRounding()
    {
        var test = TestData.Blobs(classes: 3, perClass: 30, seed: 9);
        var pool = TestData.Pool("mlp(hidden=[8])", test);
        var weights = TestData.InitialWeights(pool, 3);
        var whole = new ModelEvaluator(test, pool).Evaluate(weights, CancellationToken.None);
        var small = new ModelEvaluator(test, pool, batchSize: 7).Evaluate(weights, CancellationToken.None);
        Assert.Equal(whole.Accuracy, small.Accuracy);
        Assert.Equal(whole.PerClassAccuracy, small.PerClassAccuracy);
        Assert.Equal(whole.Loss, small.Loss, 5);
    }

    [Fact]
    public void Evaluate_WrongWeightCount_Throws()
    {
        var test = TestData.Blobs(classes: 2, perClass: 5, seed: 9);
        var evaluator = new ModelEvaluator(test, TestData.Pool("logistic", test));
        var e = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(new float[3], CancellationToken.None));
        Assert.Contains("3 weights given for model 'logistic' of 6 parameters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CancelledToken_Throws()
    {
        var test = TestData.Blobs(classes: 2, perClass: 5, seed: 9);
        var pool = TestData.Pool("logistic", test);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new ModelEvaluator(test, pool).Evaluate(new float[pool.ParameterCount], cancelled.Token));
    }
}
