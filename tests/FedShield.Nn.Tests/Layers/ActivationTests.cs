using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Layers;

public class ActivationTests
{
    private static Tensor Input() => Tensor.FromArray([-2f, -0.5f, 0f, 1.5f], 2, 2);

    [Fact]
    public void ReLU_ZeroesNegatives() => Expect.Close([0, 0, 0, 1.5], new ReLU().Forward(Input()));

    [Fact]
    public void LeakyReLU_ScalesNegatives() => Expect.Close([-0.2, -0.05, 0, 1.5], new LeakyReLU(0.1f).Forward(Input()));

    [Fact]
    public void LeakyReLU_DefaultSlope_IsTorchDefault() => Assert.Equal(0.01f, new LeakyReLU().NegativeSlope);

    [Fact]
    public void Sigmoid_MatchesLogistic() =>
        Expect.Close([.. new[] { -2.0, -0.5, 0, 1.5 }.Select(v => 1 / (1 + Math.Exp(-v)))], new Sigmoid().Forward(Input()));

    [Fact]
    public void Tanh_MatchesHyperbolicTangent() =>
        Expect.Close([.. new[] { -2.0, -0.5, 0, 1.5 }.Select(Math.Tanh)], new Tanh().Forward(Input()));

    [Fact]
    public void Activations_KeepShape() => Expect.Shape([2, 2], new ReLU().Forward(Input()));
}
