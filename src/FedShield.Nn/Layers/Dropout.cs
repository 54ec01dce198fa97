using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Inverted dropout, as <c>torch.nn.Dropout</c>: in training mode each element is zeroed with
/// probability p and the survivors are scaled by 1 / (1 − p), so the expectation is unchanged;
/// in inference mode the input passes through unchanged. Randomness comes only from the injected
/// seeded source. No state.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Random _random;

    /// <summary>Creates the layer with drop probability <paramref name="probability"/> (PyTorch's default 0.5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The probability lies outside [0, 1].</exception>
    public Dropout(Random random, double probability = 0.5)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout: the drop probability must lie in [0, 1].");
        }

        _random = random;
        Probability = probability;
    }

    /// <summary>The probability that an element is zeroed in training mode.</summary>
    public double Probability { get; }

    /// <summary>x ⊙ mask / (1 − p) in training mode (all zeros when p = 1), x itself in inference mode or when p = 0.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsTraining || Probability == 0)
        {
            return input;
        }

        var mask = Tensor.Zeros(input.Shape.ToArray());
        if (Probability < 1)
        {
            float scale = (float)(1.0 / (1.0 - Probability));
            var m = mask.Span;
            for (int i = 0; i < m.Length; i++)
            {
                m[i] = _random.NextDouble() >= Probability ? scale : 0f;
            }
        }

        return Ops.Mul(input, mask);
    }

    /// <inheritdoc />
    public override string ToString() => $"Dropout(p={Probability})";
}
