using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// 2-D max pooling over square windows, as <c>torch.nn.MaxPool2d</c>: each output pixel is
/// the maximum of a k×k window; x (N, C, H, W) → (N, C, ⌊(H + 2·padding − k) / stride⌋ + 1, …).
/// No state.
/// </summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer; a <paramref name="stride"/> of 0 means the kernel size (PyTorch's default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size is not positive, the stride or padding is negative, or the padding exceeds half the kernel.</exception>
    public MaxPool2d(int kernelSize, int stride = 0, int padding = 0)
    {
        Stride = PoolGeometry.Validate(kernelSize, stride, padding);
        KernelSize = kernelSize;
        Padding = padding;
    }

    /// <summary>Window height and width.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows, in pixels.</summary>
    public int Stride { get; }

    /// <summary>Padding on each side, in pixels.</summary>
    public int Padding { get; }

    /// <summary>x (N, C, H, W) → (N, C, H', W').</summary>
    /// <exception cref="ArgumentException">The input is not rank 4 or is smaller than the window.</exception>
    public override Tensor Forward(Tensor input)
    {
        PoolGeometry.CheckInput(this, input, KernelSize, Padding);
        return Ops.MaxPool2d(input, KernelSize, Stride, Padding);
    }

    /// <inheritdoc />
    public override string ToString() => $"MaxPool2d(kernel {KernelSize}, stride {Stride}{(Padding != 0 ? $", padding {Padding}" : string.Empty)})";
}
