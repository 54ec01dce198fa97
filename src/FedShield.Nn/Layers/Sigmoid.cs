using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>The logistic function 1 / (1 + e^−x), element-wise, as <c>torch.nn.Sigmoid</c>. Any shape; no state.</summary>
public sealed class Sigmoid : Module
{
    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Sigmoid(input);
    }

    /// <inheritdoc />
    public override string ToString() => "Sigmoid()";
}
