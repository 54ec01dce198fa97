namespace FedShield.Tensors.Kernels;

/// <summary>
/// Convolution as im2col + GEMM, one image at a time so the unfolded matrix stays in cache. The
/// weight is packed once per call and shared by every image. Scratch buffers are per thread and
/// reused, so a training step allocates nothing here.
/// </summary>
internal static class ConvKernels
{
    // From this many output positions per image on, the weight gradient's dot products are long
    // enough that reducing each across a vector costs little (see GemmNT).
    private const int NTMinPositions = 256;

    [ThreadStatic]
    private static float[]? t_col;

    [ThreadStatic]
    private static float[]? t_packedWeight;

    [ThreadStatic]
    private static float[]? t_accumulator;

    // x: (N, C, H, W) · w: (O, C·KH·KW) + bias: (O) -> y: (N, O, OH·OW)
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int n, int o, in ConvGeometry g, Span<float> y)
    {
        int rows = g.ColRows;
        int cols = g.ColCols;
        var col = Scratch(ref t_col, rows * cols);
        var packed = Scratch(ref t_packedWeight, Gemm.PackedALength(o, rows));
        Gemm.PackA(false, o, rows, w, Math.Max(rows, 1), packed);
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
            Gemm.RunPackedA(packed, o, cols, rows, 1f, false, col, Math.Max(cols, 1), beta, yb, Math.Max(cols, 1));
        }
    }

    // g: (N, O, OH·OW), w: (O, C·KH·KW) -> gx: (N, C, H, W), overwritten
    public static void BackwardInput(ReadOnlySpan<float> gy, ReadOnlySpan<float> w, int n, int o, in ConvGeometry g, Span<float> gx)
    {
        int rows = g.ColRows;
        int cols = g.ColCols;
        var col = Scratch(ref t_col, rows * cols);
        var packed = Scratch(ref t_packedWeight, Gemm.PackedALength(rows, o));
        Gemm.PackA(true, rows, o, w, Math.Max(rows, 1), packed);
        gx[..(n * g.InputSize)].Clear();
        for (int b = 0; b < n; b++)
        {
            // wᵀ: (C·KH·KW, O) · g: (O, OH·OW) -> (C·KH·KW, OH·OW), then folded back onto the image
            Gemm.RunPackedA(packed, rows, cols, o, 1f, false, gy.Slice(b * o * cols, o * cols), Math.Max(cols, 1), 0f, col, Math.Max(cols, 1));
            Im2Col.FoldAdd(col, g, gx.Slice(b * g.InputSize, g.InputSize));
        }
    }

    // g: (N, O, OH·OW), x: (N, C, H, W) -> gw: (O, C·KH·KW), overwritten with the batch sum
    public static void BackwardWeight(ReadOnlySpan<float> gy, ReadOnlySpan<float> x, int n, int o, in ConvGeometry g, Span<float> gw)
    {
        int rows = g.ColRows;
        int cols = g.ColCols;
        if (cols >= NTMinPositions)
        {
            // Many output positions: each weight-gradient element is a long dot product of a row
            // of g with a row of the unfolded image, both contiguous, so nothing is transposed.
            var col = Scratch(ref t_col, rows * cols);
            if (n == 0)
            {
                gw[..(o * rows)].Clear();
            }

            for (int b = 0; b < n; b++)
            {
                Im2Col.Unfold(x.Slice(b * g.InputSize, g.InputSize), g, col);

                // g: (O, OH·OW) · colᵀ: (OH·OW, C·KH·KW) -> (O, C·KH·KW), accumulated over images
                GemmNT.Run(o, rows, cols, gy.Slice(b * o * cols, o * cols), cols, col, cols, b == 0 ? 0f : 1f, gw, rows);
            }

            return;
        }

        // The unfolded image is written transposed, one receptive field per row, padded to whole
        // GEMM panels, so the GEMM reads it in place instead of transposing it into panels.
        int panel = Gemm.PanelWidth;
        int ld = (rows + panel - 1) / panel * panel;
        var fields = Scratch(ref t_col, cols * ld);
        var acc = Scratch(ref t_accumulator, o * ld);
        if (n == 0)
        {
            acc.Clear();
        }

        for (int b = 0; b < n; b++)
        {
            Im2Col.UnfoldRows(x.Slice(b * g.InputSize, g.InputSize), g, fields, ld);

            // g: (O, OH·OW) · fields: (OH·OW, ld) -> (O, ld), accumulated over images
            Gemm.Run(false, false, o, ld, cols, 1f, gy.Slice(b * o * cols, o * cols), Math.Max(cols, 1), fields, ld, b == 0 ? 0f : 1f, acc, ld);
        }

        for (int f = 0; f < o; f++)
        {
            acc.Slice(f * ld, rows).CopyTo(gw.Slice(f * rows, rows));
        }
    }

    private static Span<float> Scratch(ref float[]? cache, int length)
    {
        if (cache is null || cache.Length < length)
        {
            cache = new float[Math.Max(length, 1024)];
        }

        return cache.AsSpan(0, length);
    }
}
