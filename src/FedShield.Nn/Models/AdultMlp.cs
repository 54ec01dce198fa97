using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Models;

/// <summary>
/// The reference multilayer perceptron for the UCI Adult income task, materialised on construction:
/// x (N, In) → fc1 (In→48) → ReLU → fc2 (48→1) → one logit per row (N, 1), to be used with
/// <see cref="Losses.BceWithLogitsLoss"/>. With the default 105 one-hot features it has 5,137
/// parameters. State names: fc1.weight, fc1.bias, fc2.weight, fc2.bias.
/// </summary>
public sealed class AdultMlp : Module
{
    /// <summary>The number of encoded Adult features in the reference preprocessing.</summary>
    public const int DefaultInputCount = 105;

    /// <summary>The width of the hidden layer.</summary>
    public const int HiddenCount = 48;

    /// <summary>Builds and materialises the network, drawing initial weights from <paramref name="random"/> in state order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input count is not positive.</exception>
    public AdultMlp(Random random, int inputCount = DefaultInputCount)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        Fc1 = RegisterModule("fc1", new Linear(inputCount, HiddenCount, random));
        Fc2 = RegisterModule("fc2", new Linear(HiddenCount, 1, random));
        Materialize();
    }

    /// <summary>Hidden layer, In → 48.</summary>
    public Linear Fc1 { get; }

    /// <summary>Output layer, 48 → 1 (logit).</summary>
    public Linear Fc2 { get; }

    /// <summary>Features (N, In) → logits (N, 1).</summary>
    /// <exception cref="ArgumentException">The input's last axis is not the input count.</exception>
    public override Tensor Forward(Tensor input) => Fc2.Forward(Ops.Relu(Fc1.Forward(input)));
}
