namespace FedShield.Tensors.Autograd;

/// <summary>
/// A recorded operation: it knows its inputs and how to turn the gradient of its output into
/// gradients of its inputs. Backward formulas are written with tensor operations, so when the
/// backward pass runs with recording on (<c>createGraph: true</c>) it is itself differentiable.
/// </summary>
public abstract class GradNode
{
    private readonly Tensor[] _inputs;

    /// <summary>Creates a node over the operation's tensor inputs (those that may need gradients).</summary>
    protected GradNode(params Tensor[] inputs) => _inputs = inputs;

    /// <summary>A short name of the operation, for diagnostics.</summary>
    public abstract string Name { get; }

    /// <summary>The operation's tensor inputs, in the order of <see cref="Backward"/>'s result slots.</summary>
    public ReadOnlySpan<Tensor> Inputs => _inputs;

    /// <summary>
    /// Computes the gradient with respect to each input that requires a gradient, writing it to the
    /// matching slot of <paramref name="inputGrads"/> (other slots stay null). Each gradient has its
    /// input's shape. Implementations may check <see cref="GradMode.IsEnabled"/> and take a faster,
    /// non-differentiable path when the backward pass is not being recorded.
    /// </summary>
    public abstract void Backward(Tensor gradOutput, Span<Tensor?> inputGrads);

    internal int InputCount => _inputs.Length;

    internal Tensor Input(int i) => _inputs[i];
}
