namespace FedShield.Tensors.Kernels;

/// <summary>
/// Convolution as im2col + GEMM, one image at a time so the unfolded matrix stays in cache. The
/// scratch matrix is per thread and reused, so a training step allocates nothing here.
/// </summary>
internal static class ConvKernels
{
    [ThreadStatic]
    private static float[]? t_col;

    // x: (N, C, H, W) · w: (O, C·KH·KW) + bias: (O) -> y: (N, O, OH·OW)
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int n, int o, in ConvGeometry g, Span<float> y)
    {
        int rows = g.ColRows;
        int cols = g.ColCols;
        var col = Scratch(rows * cols);
        for (int b = 0; b < n; b++)
        {
            var yb = y.Slice(b * o * cols, o * cols);
            float beta = 0f;
            if (!bias.IsEmpty)
            {
                for (int f = 0; f < o; f++)
                {
                    yb.Slice(f * cols, cols).Fill(bias[f]);
                }

                beta = 1f;
            }

            Im2Col.Unfold(x.Slice(b * g.InputSize, g.InputSize), g, col);

            // w: (O, C·KH·KW) · col: (C·KH·KW, OH·OW) -> (O, OH·OW)
            Gemm.Run(false, false, o, cols, rows, 1f, w, Math.Max(rows, 1), col, Math.Max(cols, 1), beta, yb, Math.Max(cols, 1));
        }
    }

    // g: (N, O, OH·OW), w: (O, C·KH·KW) -> gx: (N, C, H, W), overwritten
    public static void BackwardInput(ReadOnlySpan<float> gy, ReadOnlySpan<float> w, int n, int o, in ConvGeometry g, Span<float> gx)
    {
        int rows = g.ColRows;
        int cols = g.ColCols;
        var col = Scratch(rows * cols);
        gx[..(n * g.InputSize)].Clear();
        for (int b = 0; b < n; b++)
        {
            // wᵀ: (C·KH·KW, O) · g: (O, OH·OW) -> (C·KH·KW, OH·OW), then folded back onto the image
            Gemm.Run(true, false, rows, cols, o, 1f, w, Math.Max(rows, 1), gy.Slice(b * o * cols, o * cols), Math.Max(cols, 1), 0f, col, Math.Max(cols, 1));
            Im2Col.FoldAdd(col, g, gx.Slice(b * g.InputSize, g.InputSize));
        }
    }

    // g: (N, O, OH·OW), x: (N, C, H, W) -> gw: (O, C·KH·KW), overwritten with the batch sum
    public static void BackwardWeight(ReadOnlySpan<float> gy, ReadOnlySpan<float> x, int n, int o, in ConvGeometry g, Span<float> gw)
    {
        int rows = g.ColRows;
        int cols = g.ColCols;
        var col = Scratch(rows * cols);
        if (n == 0)
        {
            gw[..(o * rows)].Clear();
        }

        for (int b = 0; b < n; b++)
        {
            Im2Col.Unfold(x.Slice(b * g.InputSize, g.InputSize), g, col);

            // g: (O, OH·OW) · colᵀ: (OH·OW, C·KH·KW) -> (O, C·KH·KW), accumulated over images
            Gemm.Run(false, true, o, rows, cols, 1f, gy.Slice(b * o * cols, o * cols), Math.Max(cols, 1), col, Math.Max(cols, 1), b == 0 ? 0f : 1f, gw, Math.Max(rows, 1));
        }
    }

    private static Span<float> Scratch(int length)
    {
        var buffer = t_col;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[Math.Max(length, 1024)];
            t_col = buffer;
        }

        return buffer.AsSpan(0, length);
    }
}
