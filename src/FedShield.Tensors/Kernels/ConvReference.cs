namespace FedShield.Tensors.Kernels;

/// <summary>
/// Direct loops for convolution and pooling, written from the definitions, that the im2col/GEMM
/// and specialised pooling kernels are tested against. Sums are accumulated in double.
/// </summary>
internal static class ConvReference
{
    // x: (N, C, H, W) · w: (O, C, KH, KW) + bias: (O) -> y: (N, O, OH, OW)
    public static void Conv2d(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int n, int o, in ConvGeometry g, Span<float> y)
    {
        int oh = g.OH;
        int ow = g.OW;
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < o; f++)
            {
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double sum = bias.IsEmpty ? 0 : bias[f];
                        for (int c = 0; c < g.C; c++)
                        {
                            for (int ky = 0; ky < g.KH; ky++)
                            {
                                int iy = (oy * g.Stride) + ky - g.Padding;
                                if ((uint)iy >= (uint)g.H)
                                {
                                    continue;
                                }

                                for (int kx = 0; kx < g.KW; kx++)
                                {
                                    int ix = (ox * g.Stride) + kx - g.Padding;
                                    if ((uint)ix < (uint)g.W)
                                    {
                                        sum += (double)x[(((((b * g.C) + c) * g.H) + iy) * g.W) + ix] * w[(((((f * g.C) + c) * g.KH) + ky) * g.KW) + kx];
                                    }
                                }
                            }
                        }

                        y[(((((b * o) + f) * oh) + oy) * ow) + ox] = (float)sum;
                    }
                }
            }
        }
    }

    // g: (N, O, OH, OW), w: (O, C, KH, KW) -> gx: (N, C, H, W): each output gradient flows back
    // to every input its window read, weighted.
    public static void Conv2dBackwardInput(float[] gy, float[] w, int n, int o, in ConvGeometry g, Span<float> gx)
    {
        var sum = new double[n * g.InputSize];
        ForEachTap(n, o, g, (gyIndex, wIndex, xIndex) => sum[xIndex] += (double)gy[gyIndex] * w[wIndex]);
        for (int i = 0; i < sum.Length; i++)
        {
            gx[i] = (float)sum[i];
        }
    }

    // g: (N, O, OH, OW), x: (N, C, H, W) -> gw: (O, C, KH, KW), summed over the batch.
    public static void Conv2dBackwardWeight(float[] gy, float[] x, int n, int o, in ConvGeometry g, Span<float> gw)
    {
        var sum = new double[o * g.ColRows];
        ForEachTap(n, o, g, (gyIndex, wIndex, xIndex) => sum[wIndex] += (double)gy[gyIndex] * x[xIndex]);
        for (int i = 0; i < sum.Length; i++)
        {
            gw[i] = (float)sum[i];
        }
    }

    // Calls tap(output index, weight index, input index) for every product the forward sums.
    private static void ForEachTap(int n, int o, ConvGeometry g, Action<int, int, int> tap)
    {
        int oh = g.OH;
        int ow = g.OW;
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < o; f++)
            {
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        int yIndex = (((((b * o) + f) * oh) + oy) * ow) + ox;
                        for (int c = 0; c < g.C; c++)
                        {
                            for (int ky = 0; ky < g.KH; ky++)
                            {
                                for (int kx = 0; kx < g.KW; kx++)
                                {
                                    int iy = (oy * g.Stride) + ky - g.Padding;
                                    int ix = (ox * g.Stride) + kx - g.Padding;
                                    if ((uint)iy < (uint)g.H && (uint)ix < (uint)g.W)
                                    {
                                        tap(yIndex, (((((f * g.C) + c) * g.KH) + ky) * g.KW) + kx, (((((b * g.C) + c) * g.H) + iy) * g.W) + ix);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // x: (P, H, W) planes -> y: (P, OH, OW), indices: flat position in x of each maximum (first wins).
    public static void MaxPool2d(ReadOnlySpan<float> x, int planes, in ConvGeometry g, Span<float> y, Span<int> indices)
    {
        int oh = g.OH;
        int ow = g.OW;
        for (int pl = 0; pl < planes; pl++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    float best = float.NegativeInfinity;
                    int bestIndex = -1;
                    for (int ky = 0; ky < g.KH; ky++)
                    {
                        int iy = (oy * g.Stride) + ky - g.Padding;
                        for (int kx = 0; kx < g.KW; kx++)
                        {
                            int ix = (ox * g.Stride) + kx - g.Padding;
                            if ((uint)iy >= (uint)g.H || (uint)ix >= (uint)g.W)
                            {
                                continue;
                            }

                            int at = (((pl * g.H) + iy) * g.W) + ix;
                            float v = x[at];
                            if (bestIndex < 0 || v > best || float.IsNaN(v))
                            {
                                best = v;
                                bestIndex = at;
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

    // x: (P, H, W) planes -> y: (P, OH, OW); padding counts in the divisor (count_include_pad).
    public static void AvgPool2d(ReadOnlySpan<float> x, int planes, in ConvGeometry g, Span<float> y)
    {
        int oh = g.OH;
        int ow = g.OW;
        double scale = 1.0 / (g.KH * g.KW);
        for (int pl = 0; pl < planes; pl++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    double sum = 0;
                    for (int ky = 0; ky < g.KH; ky++)
                    {
                        int iy = (oy * g.Stride) + ky - g.Padding;
                        for (int kx = 0; kx < g.KW; kx++)
                        {
                            int ix = (ox * g.Stride) + kx - g.Padding;
                            if ((uint)iy < (uint)g.H && (uint)ix < (uint)g.W)
                            {
                                sum += x[(((pl * g.H) + iy) * g.W) + ix];
                            }
                        }
                    }

                    y[(((pl * oh) + oy) * ow) + ox] = (float)(sum * scale);
                }
            }
        }
    }
}
