using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class SequentialTests
{
    [Fact]
    public void Forward_AppliesChildrenInOrder()
    {
        var rng = new Random(1);
        var first = new Linear(1, 2, rng);
        var second = new Linear(2, 1, rng);
        first.Weight.CopyFrom([1f, -1f]);
        first.Bias!.CopyFrom([0f, 0f]);
        second.Weight.CopyFrom([1f, 1f]);
        second.Bias!.CopyFrom([0.5f]);
        var model = new Sequential(first, new ReLU(), second);

        // x = 2: [2, −2] → ReLU [2, 0] → 2.5; x = −3: [−3, 3] → [0, 3] → 3.5
        Expect.Close([2.5, 3.5], model.Forward(Tensor.FromArray([2f, -3f], 2, 1)));
        Assert.Equal(3, model.Count);
        Assert.Same(second, model[2]);
    }

    [Fact]
    public void Children_AreNamedByPosition()
    {
        var model = new Sequential(new ReLU(), new Tanh());
        Assert.Equal(["0", "1"], model.Children.Select(c => c.Name));
    }
}
