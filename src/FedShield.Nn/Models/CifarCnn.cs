using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Models;

/// <summary>
/// The CIFAR-10 convolutional network of the NISS paper (two 5×5 convolutions, each followed by
/// max-pooling and ReLU, then fully connected layers of 384, 192 and 10 units), which follows the
/// FedAvg paper's CIFAR model, itself the classic TensorFlow CIFAR-10 tutorial network. Materialised
/// on construction:
/// x (N, 3, 32, 32) → conv1 (3→C, 5×5, padding 2) → max-pool 3×3 stride 2 padding 1 → ReLU (N, C, 16, 16)
/// → conv2 (C→C, 5×5, padding 2) → max-pool 3×3 stride 2 padding 1 → ReLU (N, C, 8, 8) → flatten (N, 64·C)
/// → fc1 (64·C→384) → ReLU → fc2 (384→192) → ReLU → fc3 (192→classes) → logits.
/// </summary>
/// <remarks>
/// Choices where the paper is silent, taken from the TensorFlow tutorial: C = 64 channels in both
/// convolutions, "same" padding, and overlapping 3×3 pooling with stride 2 (padding 1 reproduces
/// TensorFlow's "SAME" output size, 32 → 16 → 8). The tutorial's local response normalisation and
/// its random 24×24 crops are left out: the paper mentions neither, and the network here sees the
/// whole 32×32 image, so fc1 has 64·C = 4,096 inputs instead of the tutorial's 2,304. Pooling before
/// ReLU equals ReLU before pooling (both are monotone) and costs less. Weights use PyTorch's default
/// initialisation. With C = 64 and 10 classes the model has 1,756,426 parameters. State names:
/// conv1.weight, conv1.bias, conv2.weight, conv2.bias, fc1.weight, fc1.bias, fc2.weight, fc2.bias,
/// fc3.weight, fc3.bias.
/// </remarks>
public sealed class CifarCnn : Module
{
    /// <summary>The image side length the network expects.</summary>
    public const int ImageSize = 32;

    /// <summary>Colour channels of the input.</summary>
    public const int InputChannels = 3;

    /// <summary>Convolution channels of the reference model.</summary>
    public const int DefaultChannels = 64;

    /// <summary>The number of output classes of the reference model.</summary>
    public const int DefaultClassCount = 10;

    /// <summary>Width of the first fully connected layer.</summary>
    public const int Hidden1 = 384;

    /// <summary>Width of the second fully connected layer.</summary>
    public const int Hidden2 = 192;

    // Side length of the feature maps after the two pooling layers (32 → 16 → 8).
    private const int PooledSize = 8;

    /// <summary>Builds and materialises the network, drawing initial weights from <paramref name="random"/> in state order.</summary>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="classCount">Outputs (logits) per image, ≥ 1.</param>
    /// <param name="channels">Channels of both convolutions, ≥ 1 (64 in the reference model; fewer make a cheaper variant).</param>
    /// <exception cref="ArgumentOutOfRangeException">The class or channel count is not positive.</exception>
    public CifarCnn(Random random, int classCount = DefaultClassCount, int channels = DefaultChannels)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ClassCount = classCount;
        Channels = channels;
        Conv1 = RegisterModule("conv1", new Conv2d(InputChannels, channels, 5, random, padding: 2));
        Conv2 = RegisterModule("conv2", new Conv2d(channels, channels, 5, random, padding: 2));
        Fc1 = RegisterModule("fc1", new Linear(channels * PooledSize * PooledSize, Hidden1, random));
        Fc2 = RegisterModule("fc2", new Linear(Hidden1, Hidden2, random));
        Fc3 = RegisterModule("fc3", new Linear(Hidden2, classCount, random));
        Materialize();
    }

    /// <summary>Outputs (logits) per image.</summary>
    public int ClassCount { get; }

    /// <summary>Channels of both convolutions.</summary>
    public int Channels { get; }

    /// <summary>First convolution, 3 → C channels, 5×5, padding 2.</summary>
    public Conv2d Conv1 { get; }

    /// <summary>Second convolution, C → C channels, 5×5, padding 2.</summary>
    public Conv2d Conv2 { get; }

    /// <summary>First fully connected layer, 64·C → 384.</summary>
    public Linear Fc1 { get; }

    /// <summary>Second fully connected layer, 384 → 192.</summary>
    public Linear Fc2 { get; }

    /// <summary>Output layer, 192 → classes (logits).</summary>
    public Linear Fc3 { get; }

    /// <summary>Images (N, 3, 32, 32) → class logits (N, classes).</summary>
    /// <exception cref="ArgumentException">The input is not (N, 3, 32, 32).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != InputChannels || input.Size(2) != ImageSize || input.Size(3) != ImageSize)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected (N, {InputChannels}, {ImageSize}, {ImageSize}).", nameof(input));
        }

        var x = Ops.Relu(Ops.MaxPool2d(Conv1.Forward(input), 3, 2, 1));   // (N, C, 16, 16)
        x = Ops.Relu(Ops.MaxPool2d(Conv2.Forward(x), 3, 2, 1));           // (N, C, 8, 8)
        x = Ops.Flatten(x, 1);                                             // (N, 64·C)
        x = Ops.Relu(Fc1.Forward(x));                                      // (N, 384)
        x = Ops.Relu(Fc2.Forward(x));                                      // (N, 192)
        return Fc3.Forward(x);                                             // (N, classes)
    }

    /// <inheritdoc />
    public override string ToString() => Channels == DefaultChannels ? "CifarCnn" : $"CifarCnn(channels {Channels})";
}
