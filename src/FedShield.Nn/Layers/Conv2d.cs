using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// 2-D convolution (cross-correlation) with a square kernel, as <c>torch.nn.Conv2d</c>:
/// x (N, Cin, H, W) → (N, Cout, H', W') with H' = ⌊(H + 2·padding − k) / stride⌋ + 1.
/// State: <c>weight</c> (Cout, Cin, k, k) and <c>bias</c> (Cout), initialised as PyTorch does
/// with fan_in = Cin·k·k.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer, drawing its initial weights from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel count, the kernel size or the stride is not positive, or the padding is negative.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Random random, int stride = 1, int padding = 0, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentNullException.ThrowIfNull(random);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Weight = RegisterParameter("weight", outChannels, inChannels, kernelSize, kernelSize);
        Bias = bias ? RegisterParameter("bias", outChannels) : null;
        Init.DefaultLayer(Weight.Value.Span, Bias is null ? [] : Bias.Value.Span, inChannels * kernelSize * kernelSize, random);
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height and width.</summary>
    public int KernelSize { get; }

    /// <summary>Step between kernel positions, in pixels.</summary>
    public int Stride { get; }

    /// <summary>Zero padding added on each side, in pixels.</summary>
    public int Padding { get; }

    /// <summary>The kernels, shape (Cout, Cin, k, k).</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, shape (Cout), or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>x (N, Cin, H, W) → (N, Cout, H', W').</summary>
    /// <exception cref="ArgumentException">The input is not rank 4, has the wrong channel count, or is smaller than the kernel.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != InChannels)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected (N, {InChannels}, H, W).", nameof(input));
        }

        if (input.Size(2) + (2 * Padding) < KernelSize || input.Size(3) + (2 * Padding) < KernelSize)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: the padded image is smaller than the {KernelSize}×{KernelSize} kernel.", nameof(input));
        }

        return Ops.Conv2d(input, Weight.Value, Bias?.Value, Stride, Padding);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Conv2d({InChannels}→{OutChannels}, kernel {KernelSize}{(Stride != 1 ? $", stride {Stride}" : string.Empty)}{(Padding != 0 ? $", padding {Padding}" : string.Empty)})";
}
