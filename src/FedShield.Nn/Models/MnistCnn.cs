using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Models;

/// <summary>
/// The reference MNIST convolutional network (21,840 parameters), materialised on construction:
/// x (N, 1, 28, 28) → conv1 (1→10, 5×5) → max-pool 2 → ReLU → conv2 (10→20, 5×5) → max-pool 2 →
/// ReLU → flatten (N, 320) → fc1 (320→50) → ReLU → fc2 (50→10) → logits (N, 10).
/// State names: conv1.weight, conv1.bias, conv2.weight, conv2.bias, fc1.weight, fc1.bias,
/// fc2.weight, fc2.bias (PyTorch's order, so fixtures load by name).
/// </summary>
public sealed class MnistCnn : Module
{
    /// <summary>The image side length the network expects.</summary>
    public const int ImageSize = 28;

    /// <summary>The number of output classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Builds and materialises the network, drawing initial weights from <paramref name="random"/> in state order.</summary>
    public MnistCnn(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Conv1 = RegisterModule("conv1", new Conv2d(1, 10, 5, random));
        Conv2 = RegisterModule("conv2", new Conv2d(10, 20, 5, random));
        Fc1 = RegisterModule("fc1", new Linear(320, 50, random));
        Fc2 = RegisterModule("fc2", new Linear(50, ClassCount, random));
        Materialize();
    }

    /// <summary>First convolution, 1 → 10 channels, 5×5.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>Second convolution, 10 → 20 channels, 5×5.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>Hidden fully connected layer, 320 → 50.</summary>
    public Linear Fc1 { get; }

    /// <summary>Output layer, 50 → 10 (logits).</summary>
    public Linear Fc2 { get; }

    /// <summary>Images (N, 1, 28, 28) → class logits (N, 10).</summary>
    /// <exception cref="ArgumentException">The input is not (N, 1, 28, 28).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != 1 || input.Size(2) != ImageSize || input.Size(3) != ImageSize)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected (N, 1, {ImageSize}, {ImageSize}).", nameof(input));
        }

        var x = Ops.Relu(Ops.MaxPool2d(Conv1.Forward(input), 2));   // (N, 10, 12, 12)
        x = Ops.Relu(Ops.MaxPool2d(Conv2.Forward(x), 2));           // (N, 20, 4, 4)
        x = Ops.Flatten(x, 1);                                       // (N, 320)
        x = Ops.Relu(Fc1.Forward(x));                                // (N, 50)
        return Fc2.Forward(x);                                       // (N, 10)
    }
}
