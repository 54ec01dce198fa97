namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>2-D max pooling over (N, C, H, W); stride defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor x, int kernelSize, int stride = 0, int padding = 0) => throw new NotImplementedException("MaxPool2d: in progress");

    /// <summary>2-D average pooling over (N, C, H, W) (padding counted in the divisor, as PyTorch's default); stride defaults to the kernel size.</summary>
    public static Tensor AvgPool2d(Tensor x, int kernelSize, int stride = 0, int padding = 0) => throw new NotImplementedException("AvgPool2d: in progress");
}
