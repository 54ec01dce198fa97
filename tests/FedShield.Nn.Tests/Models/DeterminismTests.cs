using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Nn.Optim;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Models;

public class DeterminismTests
{
    [Fact]
    public void Training_SameSeed_GivesBitIdenticalWeights()
    {
        var first = Train(seed: 3);
        var second = Train(seed: 3);
        Assert.Equal(first, second);
        Assert.NotEqual(first, Train(seed: 4));
    }

    // Ten SGD-momentum steps of the MNIST CNN on seeded random data, each step in a TensorScope
    // (pooled storage must not change results).
    private static float[] Train(int seed)
    {
        var random = new Random(seed);
        var model = new MnistCnn(random);
        var optimizer = new Sgd(model, new SgdOptions(learningRate: 0.05, momentum: 0.9));
        var loss = new CrossEntropyLoss();
        var x = Tensor.Normal(random, 0f, 1f, 16, 1, 28, 28);
        var labels = Enumerable.Range(0, 16).Select(_ => random.Next(10)).ToArray();
        for (int step = 0; step < 10; step++)
        {
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                loss.Forward(model.Forward(x), labels).Backward();
            }

            optimizer.Step();
        }

        return model.ParameterBuffer.ToArray();
    }
}
