namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>2-D convolution (cross-correlation) x (N, C, H, W) with weight (O, C, kH, kW) and optional bias (O) → (N, O, H', W').</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, int stride = 1, int padding = 0) => throw new NotImplementedException("Conv2d: in progress");
}
