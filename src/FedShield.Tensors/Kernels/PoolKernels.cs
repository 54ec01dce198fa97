namespace FedShield.Tensors.Kernels;

/// <summary>Pooling kernels over planes (N·C images of H × W), and the index scatter/gather that max-pool's gradients use.</summary>
internal static class PoolKernels
{
    // x: (P, H, W) -> y: (P, OH, OW); indices: flat position in x of each window's maximum.
    public static void MaxPool2d(ReadOnlySpan<float> x, int planes, in ConvGeometry g, Span<float> y, Span<int> indices)
    {
        int oh = g.OH;
        int ow = g.OW;
        int s = g.Stride;
        int p = g.Padding;
        for (int pl = 0; pl < planes; pl++)
        {
            int planeBase = pl * g.H * g.W;
            for (int oy = 0; oy < oh; oy++)
            {
                int y0 = Math.Max(0, (oy * s) - p);
                int y1 = Math.Min(g.H, (oy * s) - p + g.KH);
                for (int ox = 0; ox < ow; ox++)
                {
                    int x0 = Math.Max(0, (ox * s) - p);
                    int x1 = Math.Min(g.W, (ox * s) - p + g.KW);
                    int bestIndex = planeBase + (y0 * g.W) + x0;
                    float best = x[bestIndex];

                    // Scan in row-major window order with a strict comparison, so the first maximum
                    // wins ties, and a NaN wins over numbers (as PyTorch).
                    for (int iy = y0; iy < y1; iy++)
                    {
                        int row = planeBase + (iy * g.W);
                        for (int ix = x0; ix < x1; ix++)
                        {
                            float v = x[row + ix];
                            if (v > best || float.IsNaN(v))
                            {
                                best = v;
                                bestIndex = row + ix;
                            }
                        }
                    }

                    int q = (((pl * oh) + oy) * ow) + ox;
                    y[q] = best;
                    indices[q] = bestIndex;
                }
            }
        }
    }

    // x: (P, H, W) -> y: (P, OH, OW); divisor KH·KW whatever the padding covers.
    public static void AvgPool2d(ReadOnlySpan<float> x, int planes, in ConvGeometry g, Span<float> y)
    {
        int oh = g.OH;
        int ow = g.OW;
        int s = g.Stride;
        int p = g.Padding;
        float scale = 1f / (g.KH * g.KW);
        for (int pl = 0; pl < planes; pl++)
        {
            int planeBase = pl * g.H * g.W;
            for (int oy = 0; oy < oh; oy++)
            {
                int y0 = Math.Max(0, (oy * s) - p);
                int y1 = Math.Min(g.H, (oy * s) - p + g.KH);
                for (int ox = 0; ox < ow; ox++)
                {
                    int x0 = Math.Max(0, (ox * s) - p);
                    int x1 = Math.Min(g.W, (ox * s) - p + g.KW);
                    float sum = 0f;
                    for (int iy = y0; iy < y1; iy++)
                    {
                        int row = planeBase + (iy * g.W);
                        for (int ix = x0; ix < x1; ix++)
                        {
                            sum += x[row + ix];
                        }
                    }

                    y[(((pl * oh) + oy) * ow) + ox] = sum * scale;
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="AvgPool2d"/>: spreads each output gradient evenly over its window.</summary>
    // gy: (P, OH, OW) -> gx: (P, H, W), overwritten
    public static void AvgPool2dBackward(ReadOnlySpan<float> gy, int planes, in ConvGeometry g, Span<float> gx)
    {
        int oh = g.OH;
        int ow = g.OW;
        int s = g.Stride;
        int p = g.Padding;
        float scale = 1f / (g.KH * g.KW);
        gx[..(planes * g.H * g.W)].Clear();
        for (int pl = 0; pl < planes; pl++)
        {
            int planeBase = pl * g.H * g.W;
            for (int oy = 0; oy < oh; oy++)
            {
                int y0 = Math.Max(0, (oy * s) - p);
                int y1 = Math.Min(g.H, (oy * s) - p + g.KH);
                for (int ox = 0; ox < ow; ox++)
                {
                    int x0 = Math.Max(0, (ox * s) - p);
                    int x1 = Math.Min(g.W, (ox * s) - p + g.KW);
                    float v = gy[(((pl * oh) + oy) * ow) + ox] * scale;
                    for (int iy = y0; iy < y1; iy++)
                    {
                        int row = planeBase + (iy * g.W);
                        for (int ix = x0; ix < x1; ix++)
                        {
                            gx[row + ix] += v;
                        }
                    }
                }
            }
        }
    }

    /// <summary>destination (zeroed first) [indices[i]] += source[i].</summary>
    public static void ScatterAdd(ReadOnlySpan<float> source, ReadOnlySpan<int> indices, Span<float> destination)
    {
        destination.Clear();
        for (int i = 0; i < source.Length; i++)
        {
            destination[indices[i]] += source[i];
        }
    }

    /// <summary>destination[i] = source[indices[i]].</summary>
    public static void Gather(ReadOnlySpan<float> source, ReadOnlySpan<int> indices, Span<float> destination)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = source[indices[i]];
        }
    }
}
