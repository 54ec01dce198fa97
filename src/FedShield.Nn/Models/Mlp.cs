using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Models;

/// <summary>
/// A multilayer perceptron with ReLU between layers, materialised on construction:
/// x (N, In) → fc1 (In→H₁) → ReLU → … → fcₖ (Hₖ₋₁→Out) → logits (N, Out). With no hidden layers it
/// is a single linear map (multinomial logistic regression). Inputs of rank above 2 are flattened
/// from axis 1, so images (N, C, H, W) can be fed directly when In = C·H·W.
/// State names: fc1.weight, fc1.bias, fc2.weight, … (one pair per layer, input side first).
/// </summary>
public sealed class Mlp : Module
{
    private readonly Linear[] _layers;
    private readonly int[] _hiddenSizes;

    /// <summary>Builds and materialises the network, drawing initial weights (PyTorch's defaults) from <paramref name="random"/> in state order.</summary>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="inputCount">Features per sample, ≥ 1.</param>
    /// <param name="hiddenSizes">Width of each hidden layer, input side first, each ≥ 1; empty for a single linear layer.</param>
    /// <param name="outputCount">Outputs (logits) per sample, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or width is not positive.</exception>
    public Mlp(Random random, int inputCount, IReadOnlyList<int> hiddenSizes, int outputCount)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        for (int i = 0; i < hiddenSizes.Count; i++)
        {
            if (hiddenSizes[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(hiddenSizes), hiddenSizes[i], $"Mlp: hidden layer {i + 1} has width {hiddenSizes[i]}; widths must be positive.");
            }
        }

        InputCount = inputCount;
        OutputCount = outputCount;
        _hiddenSizes = [.. hiddenSizes];
        _layers = new Linear[_hiddenSizes.Length + 1];
        int width = inputCount;
        for (int i = 0; i < _layers.Length; i++)
        {
            int next = i < _hiddenSizes.Length ? _hiddenSizes[i] : outputCount;
            string name = "fc" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _layers[i] = RegisterModule(name, new Linear(width, next, random));
            width = next;
        }

        Materialize();
    }

    /// <summary>Features per sample.</summary>
    public int InputCount { get; }

    /// <summary>Outputs (logits) per sample.</summary>
    public int OutputCount { get; }

    /// <summary>The width of each hidden layer, input side first.</summary>
    public IReadOnlyList<int> HiddenSizes => _hiddenSizes;

    /// <summary>The linear layers, input side first (one more than the hidden layers).</summary>
    public IReadOnlyList<Linear> Layers => _layers;

    /// <summary>x (N, In), or (N, …) with In elements per sample → logits (N, Out).</summary>
    /// <exception cref="ArgumentException">The input has rank below 2 or its samples do not hold <see cref="InputCount"/> elements.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2 || input.Count != input.Size(0) * InputCount)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected (N, {InputCount}) or (N, …) with {InputCount} elements per sample.", nameof(input));
        }

        var x = input.Rank == 2 ? input : Ops.Flatten(input, 1);   // (N, In)
        for (int i = 0; i < _layers.Length; i++)
        {
            x = _layers[i].Forward(x);
            if (i < _layers.Length - 1)
            {
                x = Ops.Relu(x);
            }
        }

        return x;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Mlp({InputCount}→{string.Concat(_hiddenSizes.Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture) + "→"))}{OutputCount})";
}
