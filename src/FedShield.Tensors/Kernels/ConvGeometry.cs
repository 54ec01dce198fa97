namespace FedShield.Tensors.Kernels;

/// <summary>
/// The shape arithmetic of one image of a 2-D convolution or pooling window: input (C, H, W),
/// window (KH, KW) moved by <see cref="Stride"/> over the input padded by <see cref="Padding"/>
/// zeros on every side, output (OH, OW). Dilation is 1.
/// </summary>
internal readonly record struct ConvGeometry(int C, int H, int W, int KH, int KW, int Stride, int Padding)
{
    public int OH => ((H + (2 * Padding) - KH) / Stride) + 1;

    public int OW => ((W + (2 * Padding) - KW) / Stride) + 1;

    /// <summary>Rows of the im2col matrix: one per (channel, kernel row, kernel column).</summary>
    public int ColRows => C * KH * KW;

    /// <summary>Columns of the im2col matrix: one per output position.</summary>
    public int ColCols => OH * OW;

    public int InputPlane => H * W;

    public int InputSize => C * H * W;
}
