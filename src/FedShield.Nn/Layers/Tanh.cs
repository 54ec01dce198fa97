using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>The hyperbolic tangent, element-wise, as <c>torch.nn.Tanh</c>. Any shape; no state.</summary>
public sealed class Tanh : Module
{
    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Tanh(input);
    }

    /// <inheritdoc />
    public override string ToString() => "Tanh()";
}
