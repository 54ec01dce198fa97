using FedShield.Tensors;

namespace FedShield.Nn;

/// <summary>
/// One named tensor of a model's state, in PyTorch <c>state_dict</c> naming and order
/// (<c>conv1.weight</c>, <c>bn.running_mean</c>, …).
/// </summary>
/// <param name="Name">The dotted path from the module the state was taken from.</param>
/// <param name="Value">The live tensor (a view into the model's buffers once materialised): writing to it changes the model.</param>
/// <param name="IsParameter">True for a trainable parameter, false for a buffer.</param>
public sealed record StateEntry(string Name, Tensor Value, bool IsParameter)
{
    /// <summary>The extent of each axis of <see cref="Value"/>.</summary>
    public ReadOnlySpan<int> Shape => Value.Shape;
}
