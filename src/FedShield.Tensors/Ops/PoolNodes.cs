using FedShield.Tensors.Autograd;
using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

/// <summary>y = max over each window of x; <c>indices</c> holds each maximum's flat position in x (as int bits).</summary>
internal sealed class MaxPool2dNode(Tensor x, Tensor indices) : GradNode(x)
{
    public override string Name => "MaxPool2d";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.ScatterAddFlat(g, indices, x.ShapeArray);
}

/// <summary>y = zeros with a scattered in by flat indices; linear, its adjoint is the gather.</summary>
internal sealed class ScatterAddFlatNode(Tensor a, Tensor indices) : GradNode(a)
{
    public override string Name => "ScatterAddFlat";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.GatherFlat(g, indices);
}

/// <summary>y = a at flat indices; linear, its adjoint is the scatter.</summary>
internal sealed class GatherFlatNode(Tensor a, Tensor indices) : GradNode(a)
{
    public override string Name => "GatherFlat";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.ScatterAddFlat(g, indices, a.ShapeArray);
}

/// <summary>y = window means of x (linear).</summary>
internal sealed class AvgPool2dNode(Tensor x, ConvGeometry geometry) : GradNode(x)
{
    public override string Name => "AvgPool2d";

    public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Ops.AvgPool2dBackward(g, x.ShapeArray, geometry);
}

/// <summary>y = the adjoint of average pooling applied to g (linear); its adjoint is average pooling.</summary>
internal sealed class AvgPool2dBackwardNode(Tensor g, ConvGeometry geometry) : GradNode(g)
{
    public override string Name => "AvgPool2dBackward";

    public override void Backward(Tensor h, Span<Tensor?> grads) =>
        grads[0] = Ops.AvgPool2d(h, geometry.KH, geometry.Stride, geometry.Padding);
}
