using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>max(x, 0) (gradient 0 at 0), element-wise, as <c>torch.nn.ReLU</c>. Any shape; no state.</summary>
public sealed class ReLU : Module
{
    /// <summary>Applies the function to every element of <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Ops.Relu(input);
    }

    /// <inheritdoc />
    public override string ToString() => "ReLU()";
}
