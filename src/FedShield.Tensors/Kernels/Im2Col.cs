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
                            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref xr, first), inside)
                                .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d, oxLo), inside));
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
                            var d = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref xr, first), inside);
                            BinaryKernel.Run<AddOp>(d, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref srcRow, oxLo), inside), d);
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

    private static int CeilDiv(int a, int b) => a <= 0 ? -(-a / b) : (a + b - 1) / b;
}
