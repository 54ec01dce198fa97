using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// Unfolds one image into the im2col matrix, so a convolution becomes one GEMM, and folds such a
/// matrix back (adding overlaps) for the input gradient.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// col[(c·KH + ky)·KW + kx, oy·OW + ox] = x[c, oy·s + ky − p, ox·s + kx − p], zero outside the image.
    /// </summary>
    // x: (C, H, W) -> col: (C·KH·KW, OH·OW)
    public static void Unfold(ReadOnlySpan<float> x, in ConvGeometry g, Span<float> col)
    {
        int oh = g.OH;
        int ow = g.OW;
        int s = g.Stride;
        int p = g.Padding;
        int rows = g.ColRows;
        int cols = oh * ow;
        if (x.Length < g.InputSize || col.Length < rows * cols)
        {
            throw new ArgumentException("Im2Col.Unfold: buffers too small for the geometry.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float cr = ref MemoryMarshal.GetReference(col);
        if (s == 1 && p == 0)
        {
            UnfoldValid(ref xr, g.C, g.H, g.W, g.KH, g.KW, oh, ow, ref cr);
            return;
        }

        for (int c = 0; c < g.C; c++)
        {
            for (int ky = 0; ky < g.KH; ky++)
            {
                for (int kx = 0; kx < g.KW; kx++)
                {
                    int row = (((c * g.KH) + ky) * g.KW) + kx;
                    ref float dst = ref Unsafe.Add(ref cr, row * cols);

                    // Output columns whose input column lies inside the image: [oxLo, oxHi).
                    int oxLo = Math.Min(ow, CeilDiv(Math.Max(0, p - kx), s));
                    int oxHi = Math.Max(oxLo, Math.Min(ow, CeilDiv(g.W + p - kx, s)));
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int iy = (oy * s) + ky - p;
                        ref float d = ref Unsafe.Add(ref dst, oy * ow);
                        if ((uint)iy >= (uint)g.H)
                        {
                            MemoryMarshal.CreateSpan(ref d, ow).Clear();
                            continue;
                        }

                        for (int ox = 0; ox < oxLo; ox++)
                        {
                            Unsafe.Add(ref d, ox) = 0f;
                        }

                        // The first in-image element; refs never point outside the buffers.
                        int first = (((c * g.H) + iy) * g.W) + (oxLo * s) + kx - p;
                        int inside = oxHi - oxLo;
                        if (inside <= 0)
                        {
                            // Nothing of this row lies inside the image.
                        }
                        else if (s == 1)
                        {
                            SmallCopy.Copy(ref Unsafe.Add(ref xr, first), ref Unsafe.Add(ref d, oxLo), inside);
                        }
                        else
                        {
                            for (int t = 0; t < inside; t++)
                            {
                                Unsafe.Add(ref d, oxLo + t) = Unsafe.Add(ref xr, first + (t * s));
                            }
                        }

                        for (int ox = oxHi; ox < ow; ox++)
                        {
                            Unsafe.Add(ref d, ox) = 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The transpose of <see cref="Unfold"/>, with rows padded to <paramref name="ld"/> by zeros:
    /// rows[oy·OW + ox, (c·KH + ky)·KW + kx] = x[c, oy·s + ky − p, ox·s + kx − p]. Each row is one
    /// output position's receptive field, so it is written front to back.
    /// </summary>
    // x: (C, H, W) -> rows: (OH·OW, ld ≥ C·KH·KW)
    public static void UnfoldRows(ReadOnlySpan<float> x, in ConvGeometry g, Span<float> rows, int ld)
    {
        int oh = g.OH;
        int ow = g.OW;
        int s = g.Stride;
        int p = g.Padding;
        int channels = g.C;
        int h = g.H;
        int w = g.W;
        int kh = g.KH;
        int kw = g.KW;
        int width = g.ColRows;
        if (x.Length < g.InputSize || ld < width || rows.Length < oh * ow * ld)
        {
            throw new ArgumentException("Im2Col.UnfoldRows: buffers too small for the geometry.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(rows);
        if (p == 0 && channels * kh <= 1024)
        {
            // Every receptive field lies inside the image: each row is the same list of kernel-row
            // runs, at offsets that depend only on (c, ky).
            Span<int> offsets = stackalloc int[channels * kh];
            for (int c = 0; c < channels; c++)
            {
                for (int ky = 0; ky < kh; ky++)
                {
                    offsets[(c * kh) + ky] = ((c * h) + ky) * w;
                }
            }

            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    ref float field = ref Unsafe.Add(ref xr, (oy * s * w) + (ox * s));
                    for (int t = 0; t < offsets.Length; t++)
                    {
                        SmallCopy.CopyShort(ref Unsafe.Add(ref field, offsets[t]), ref Unsafe.Add(ref d, t * kw), kw);
                    }

                    for (int t = width; t < ld; t++)
                    {
                        Unsafe.Add(ref d, t) = 0f;
                    }

                    d = ref Unsafe.Add(ref d, ld);
                }
            }

            return;
        }

        for (int oy = 0; oy < oh; oy++)
        {
            for (int ox = 0; ox < ow; ox++)
            {
                int ix0 = (ox * s) - p;
                bool inside = ix0 >= 0 && ix0 + kw <= w;
                int j = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kh; ky++, j += kw)
                    {
                        int iy = (oy * s) + ky - p;
                        if ((uint)iy >= (uint)h)
                        {
                            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d, j), kw).Clear();
                        }
                        else if (inside)
                        {
                            SmallCopy.CopyShort(ref Unsafe.Add(ref xr, (((c * h) + iy) * w) + ix0), ref Unsafe.Add(ref d, j), kw);
                        }
                        else
                        {
                            int rowBase = ((c * h) + iy) * w;
                            for (int kx = 0; kx < kw; kx++)
                            {
                                int ix = ix0 + kx;
                                Unsafe.Add(ref d, j + kx) = (uint)ix < (uint)w ? Unsafe.Add(ref xr, rowBase + ix) : 0f;
                            }
                        }
                    }
                }

                for (int t = width; t < ld; t++)
                {
                    Unsafe.Add(ref d, t) = 0f;
                }

                d = ref Unsafe.Add(ref d, ld);
            }
        }
    }

    /// <summary>The adjoint of <see cref="Unfold"/>: adds each col entry into the input position it was read from.</summary>
    // col: (C·KH·KW, OH·OW) -> x: (C, H, W), accumulated
    public static void FoldAdd(ReadOnlySpan<float> col, in ConvGeometry g, Span<float> x)
    {
        int oh = g.OH;
        int ow = g.OW;
        int s = g.Stride;
        int p = g.Padding;
        int cols = oh * ow;
        if (x.Length < g.InputSize || col.Length < g.ColRows * cols)
        {
            throw new ArgumentException("Im2Col.FoldAdd: buffers too small for the geometry.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float cr = ref MemoryMarshal.GetReference(col);
        if (s == 1 && p == 0)
        {
            FoldValid(ref cr, g.C, g.H, g.W, g.KH, g.KW, oh, ow, ref xr);
            return;
        }

        for (int c = 0; c < g.C; c++)
        {
            for (int ky = 0; ky < g.KH; ky++)
            {
                for (int kx = 0; kx < g.KW; kx++)
                {
                    int row = (((c * g.KH) + ky) * g.KW) + kx;
                    ref float src = ref Unsafe.Add(ref cr, row * cols);
                    int oxLo = Math.Min(ow, CeilDiv(Math.Max(0, p - kx), s));
                    int oxHi = Math.Max(oxLo, Math.Min(ow, CeilDiv(g.W + p - kx, s)));
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int iy = (oy * s) + ky - p;
                        if ((uint)iy >= (uint)g.H)
                        {
                            continue;
                        }

                        ref float srcRow = ref Unsafe.Add(ref src, oy * ow);
                        int first = (((c * g.H) + iy) * g.W) + (oxLo * s) + kx - p;
                        int inside = oxHi - oxLo;
                        if (inside <= 0)
                        {
                            continue;
                        }

                        if (s == 1)
                        {
                            SmallCopy.Add(ref Unsafe.Add(ref srcRow, oxLo), ref Unsafe.Add(ref xr, first), inside);
                        }
                        else
                        {
                            for (int t = 0; t < inside; t++)
                            {
                                Unsafe.Add(ref xr, first + (t * s)) += Unsafe.Add(ref srcRow, oxLo + t);
                            }
                        }
                    }
                }
            }
        }
    }

    // Stride 1 without padding: every output row of every (c, ky, kx) is one in-image run.
    private static void UnfoldValid(ref float x, int channels, int h, int w, int kh, int kw, int oh, int ow, ref float col)
    {
        ref float d = ref col;
        for (int c = 0; c < channels; c++)
        {
            for (int ky = 0; ky < kh; ky++)
            {
                for (int kx = 0; kx < kw; kx++)
                {
                    ref float src = ref Unsafe.Add(ref x, (((c * h) + ky) * w) + kx);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        SmallCopy.CopyShort(ref Unsafe.Add(ref src, oy * w), ref d, ow);
                        d = ref Unsafe.Add(ref d, ow);
                    }
                }
            }
        }
    }

    // Loops run (c, kx, ky, oy) so that two adds touching the same image row either hit exactly
    // the same elements (forwarded from the store buffer) or lie far apart; adds shifted by one
    // column back to back would stall on partially overlapping stores.
    private static void FoldValid(ref float col, int channels, int h, int w, int kh, int kw, int oh, int ow, ref float x)
    {
        int cols = oh * ow;
        for (int c = 0; c < channels; c++)
        {
            for (int kx = 0; kx < kw; kx++)
            {
                for (int ky = 0; ky < kh; ky++)
                {
                    ref float src = ref Unsafe.Add(ref col, ((((c * kh) + ky) * kw) + kx) * cols);
                    ref float dst = ref Unsafe.Add(ref x, (((c * h) + ky) * w) + kx);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        SmallCopy.Add(ref Unsafe.Add(ref src, oy * ow), ref Unsafe.Add(ref dst, oy * w), ow);
                    }
                }
            }
        }
    }

    private static int CeilDiv(int a, int b) => a <= 0 ? -(-a / b) : (a + b - 1) / b;
}
