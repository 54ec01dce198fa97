using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>x where x &gt; 0, slope·x elsewhere, element-wise, as <c>torch.nn.LeakyReLU</c>. Any shape; no state.</summary>
public sealed class LeakyReLU : Module
{
    /// <summary>Creates the layer with the given slope for negative inputs (PyTorch's default 0.01).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slope is not finite.</exception>
    public LeakyReLU(float negativeSlope = 0.01f)
    {
        if (!float.IsFinite(negativeSlope))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "LeakyReLU: the negative slope must be finite.");
        }

        NegativeSlope = negativeSlope;
    }

    /// <summary>The factor applied to negative inputs.</summary>
    public float NegativeSlope { get; }

    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.LeakyRelu(input, NegativeSlope);
    }

    /// <inheritdoc />
    public override string ToString() => $"LeakyReLU({NegativeSlope})";
}
