using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>Shared validation of square pooling windows.</summary>
internal static class PoolGeometry
{
    public static int Validate(int kernelSize, int stride, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegative(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (padding > kernelSize / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"Pooling: padding {padding} exceeds half the kernel size {kernelSize}.");
        }

        return stride == 0 ? kernelSize : stride;
    }

    public static void CheckInput(Module layer, Tensor input, int kernelSize, int padding)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4)
        {
            throw new ArgumentException($"{layer} given input {ShapeText.Format(input.Shape)}: expected (N, C, H, W).", nameof(input));
        }

        if (input.Size(2) + (2 * padding) < kernelSize || input.Size(3) + (2 * padding) < kernelSize)
        {
            throw new ArgumentException($"{layer} given input {ShapeText.Format(input.Shape)}: the padded image is smaller than the {kernelSize}×{kernelSize} window.", nameof(input));
        }
    }
}
