using FedShield.Learning.Models;
using FedShield.Nn;
using FedShield.Nn.Losses;
using FedShield.Nn.Optim;
using FedShield.Tensors;

namespace FedShield.Learning.Tests;

public class FedProxTests
{
    [Theory]
    [InlineData(0.01f, 1)]
    [InlineData(0.5f, 37)]
    [InlineData(2f, 300)]
    public void AddGradientInPlace_MatchesAutogradOfHalfMuSquaredDistance(float mu, int length)
    {
        var random = new Random(length);
        float[] w = Draw(random, length), global = Draw(random, length), start = Draw(random, length);

        var gradient = (float[])start.Clone();
        ProximalTerm.AddGradientInPlace(gradient, w, global, mu);

        // Autograd of (μ/2)·‖w − w_g‖², accumulated onto the same starting gradient.
        var wt = Tensor.Wrap((float[])w.Clone(), 0, length);
        wt.RequiresGrad = true;
        wt.Grad = Tensor.Wrap((float[])start.Clone(), 0, length);
        var d = Ops.Sub(wt, Tensor.Wrap(global, 0, length));
        Ops.Mul(Ops.Sum(Ops.Mul(d, d)), mu / 2).Backward();
        var expected = wt.Grad!.ToArray();
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(expected[i], gradient[i], 1e-6f * Math.Max(1f, Math.Abs(expected[i])));
        }
    }

    [Fact]
    public async Task Fit_WithMu_MatchesAHandWrittenLoopWithTheProximalLossInAutograd()
    {
        const float mu = 0.5f;
        var data = TestData.Blobs(classes: 3, perClass: 20, seed: 3);
        var pool = TestData.Pool("mlp(hidden=[6])", data);
        var global = TestData.InitialWeights(pool, seed: 2);
        int[] train = TestData.Range(0, 50);
        var options = new LocalTrainingOptions(epochs: 2, batchSize: 8, optimizer: OptimizerSpec.Sgd(0.2));
        var client = new LearningClient(0, data, train, default, pool, options);

        var update = TestData.Update(await client.FitAsync(TestData.Fit(0, global, seed: 11, mu: mu), CancellationToken.None));
        var expected = HandWrittenFedProx(pool.Blueprint, data, train, global, mu, seed: 11, epochs: 2, batchSize: 8, lr: 0.2);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], update.Values[i], 2e-5f);
        }

        // The term pulls towards the global model: the step is shorter than without it.
        var plain = TestData.Update(await client.FitAsync(TestData.Fit(0, global, seed: 11), CancellationToken.None));
        Assert.True(TestData.Norm(update.Values) < TestData.Norm(plain.Values));
    }

    // Plain SGD on CE + (μ/2)·Σ‖p − p_global‖², the shuffle written out as the client documents it.
    private static float[] HandWrittenFedProx(ModelBlueprint blueprint, Data.Dataset data, int[] train, float[] global, float mu, int seed, int epochs, int batchSize, double lr)
    {
        var model = blueprint.Create(new Random(0));
        model.SetParameters(global);
        var sgd = new Sgd(model, new SgdOptions(lr));
        var ce = new CrossEntropyLoss();
        var order = (int[])train.Clone();
        var random = new Random(seed);
        for (int e = 0; e < epochs; e++)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            for (int start = 0; start < order.Length; start += batchSize)
            {
                var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
                var features = new float[batch.Length * data.SampleSize];
                var labels = new int[batch.Length];
                data.CopyBatch(batch, features, labels);
                using (TensorScope.Begin())
                {
                    model.ZeroGrad();
                    var loss = ce.Forward(model.Forward(Tensor.Wrap(features, 0, batch.Length, data.SampleSize)), labels);
                    foreach (var (_, p) in model.NamedParameters())
                    {
                        var d = Ops.Sub(p.Value, Tensor.Wrap(global, p.Offset, p.Shape.ToArray()));
                        loss = Ops.Add(loss, Ops.Mul(Ops.Sum(Ops.Mul(d, d)), mu / 2));
                    }

                    loss.Backward();
                }

                sgd.Step();
            }
        }

        return [.. model.ParameterBuffer.ToArray().Zip(global, (w, g) => w - g)];
    }

    private static float[] Draw(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 4) - 2))];
}
