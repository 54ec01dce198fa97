using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Affine map y = x·Wᵀ + b over the last axis: x (…, In) → y (…, Out), as <c>torch.nn.Linear</c>.
/// State: <c>weight</c> (Out, In) and <c>bias</c> (Out), initialised as PyTorch does
/// (weight U(±1/√In) by Kaiming-uniform with a = √5, bias U(±1/√In)).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer, drawing its initial weights from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(random);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", outFeatures, inFeatures);
        Bias = bias ? RegisterParameter("bias", outFeatures) : null;
        Init.DefaultLayer(Weight.Value.Span, Bias is null ? [] : Bias.Value.Span, inFeatures, random);
    }

    /// <summary>The size of the input's last axis.</summary>
    public int InFeatures { get; }

    /// <summary>The size of the output's last axis.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, shape (Out, In).</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, shape (Out), or null when created without one.</summary>
    public Parameter? Bias { get; }

    /// <summary>x (…, In) → (…, Out).</summary>
    /// <exception cref="ArgumentException">The input's last axis is not <see cref="InFeatures"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Size(-1) != InFeatures)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected the last axis to have {InFeatures} features.", nameof(input));
        }

        return Ops.Linear(input, Weight.Value, Bias?.Value);
    }

    /// <inheritdoc />
    public override string ToString() => $"Linear({InFeatures}→{OutFeatures})";
}
