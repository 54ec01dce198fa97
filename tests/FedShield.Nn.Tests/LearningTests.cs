using FedShield.Nn.Layers;
using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Nn.Optim;
using FedShield.Tensors;

namespace FedShield.Nn.Tests;

/// <summary>Small models reach stated accuracies on seeded synthetic tasks within fixed step budgets.</summary>
public class LearningTests
{
    // Two Gaussian blobs N((±1.5, ±1.5), I): the Bayes classifier is right about 98% of the time.
    private static (Tensor X, int[] Y) Blobs(Random rng, int n)
    {
        var x = new float[n * 2];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            float centre = y[i] == 0 ? -1.5f : 1.5f;
            x[2 * i] = centre + Gaussian(rng);
            x[(2 * i) + 1] = centre + Gaussian(rng);
        }

        return (Tensor.FromArray(x, n, 2), y);
    }

    private static float Gaussian(Random rng) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));

    private static double Accuracy(Tensor logits, int[] labels)
    {
        var predicted = Ops.ArgMax(logits, 1);
        return predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;
    }

    [Fact]
    public void Mlp_TwoGaussianBlobs_ReachesNinetyFivePercentHeldOutWithin150SgdSteps()
    {
        var rng = new Random(2024);
        var model = new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 2, rng));
        model.Materialize();
        var (x, y) = Blobs(new Random(1), 400);
        var (testX, testY) = Blobs(new Random(2), 400);
        var sgd = new Sgd(model, new SgdOptions(0.1, momentum: 0.9));
        var loss = new CrossEntropyLoss();
        for (int step = 0; step < 150; step++)
        {
            using var scope = TensorScope.Begin();
            model.ZeroGrad();
            loss.Forward(model.Forward(x), y).Backward();
            sgd.Step();
        }

        using (GradMode.NoGrad())
        {
            Assert.True(Accuracy(model.Forward(testX), testY) >= 0.95);
        }
    }

    [Fact]
    public void AdultMlp_LinearlySeparableRule_ReachesNinetyFivePercentWithin100AdamSteps()
    {
        // Label = 1 when the first three features sum above zero (a rule the network must find among 20).
        var rng = new Random(7);
        const int n = 512;
        const int features = 20;
        var data = new float[n * features];
        var labels = new float[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < features; j++)
            {
                data[(i * features) + j] = Gaussian(rng);
            }

            labels[i] = data[i * features] + data[(i * features) + 1] + data[(i * features) + 2] > 0 ? 1f : 0f;
        }

        var model = new AdultMlp(new Random(3), inputCount: features);
        var x = Tensor.FromArray(data, n, features);
        var t = Tensor.FromArray(labels, n, 1);
        var adam = new Adam(model, new AdamOptions(0.01));
        var bce = new BceWithLogitsLoss();
        for (int step = 0; step < 100; step++)
        {
            using var scope = TensorScope.Begin();
            model.ZeroGrad();
            bce.Forward(model.Forward(x), t).Backward();
            adam.Step();
        }

        using (GradMode.NoGrad())
        {
            var logits = model.Forward(x).ToArray();
            int correct = Enumerable.Range(0, n).Count(i => (logits[i] > 0) == (labels[i] == 1f));
            Assert.True(correct / (double)n >= 0.95, $"accuracy {correct / (double)n:P1}");
        }
    }

    [Fact]
    public void MnistCnn_ClassDependentPatterns_FitsAllTrainingImagesWithin40AdamSteps()
    {
        // Each class lights a different 7×7 block of the image, plus noise.
        var rng = new Random(11);
        const int n = 40;
        var images = new float[n * 28 * 28];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 10;
            int row = labels[i] / 4 * 7;
            int col = labels[i] % 4 * 7;
            for (int p = 0; p < 28 * 28; p++)
            {
                int r = p / 28;
                int c = p % 28;
                bool lit = r >= row && r < row + 7 && c >= col && c < col + 7;
                images[(i * 784) + p] = (lit ? 1f : 0f) + (0.2f * Gaussian(rng));
            }
        }

        var model = new MnistCnn(new Random(5));
        var x = Tensor.FromArray(images, n, 1, 28, 28);
        var adam = new Adam(model, new AdamOptions(0.003));
        var loss = new CrossEntropyLoss();
        for (int step = 0; step < 40; step++)
        {
            using var scope = TensorScope.Begin();
            model.ZeroGrad();
            loss.Forward(model.Forward(x), labels).Backward();
            adam.Step();
        }

        using (GradMode.NoGrad())
        {
            Assert.Equal(1.0, Accuracy(model.Forward(x), labels));
        }
    }
}
