using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>Pooling kernels over planes (N·C images of H × W), and the index scatter/gather that max-pool's gradients use.</summary>
internal static class PoolKernels
{
    // x: (P, H, W) -> y: (P, OH, OW); indices: flat position in x of each window's maximum.
    public static void MaxPool2d(ReadOnlySpan<float> x, int planes, in ConvGeometry g, Span<float> y, Span<int> indices)
    {
        if (g.KH == 2 && g.KW == 2 && g.Stride == 2 && g.Padding == 0)
        {
            MaxPool2x2(x, planes, g.H, g.W, y, indices);
            return;
        }

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

    // The 2 × 2, stride-2 window of (almost) every CNN. Vector lanes hold neighbouring windows: a
    // row is loaded as-is and with its pairs swapped, so each even lane sees both columns of its
    // window; even lanes are then compacted by narrowing 64-bit lanes to 32 bits.
    // x: (P, H, W) -> y: (P, H/2, W/2)
    internal static void MaxPool2x2(ReadOnlySpan<float> x, int planes, int h, int w, Span<float> y, Span<int> indices)
    {
        int oh = h / 2;
        int ow = w / 2;
        if (x.Length < planes * h * w || y.Length < planes * oh * ow || indices.Length < y.Length)
        {
            throw new ArgumentException("MaxPool2x2: buffers too small for the geometry.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref int ir = ref MemoryMarshal.GetReference(indices);
        for (int pl = 0; pl < planes; pl++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                int r0 = (pl * h * w) + (2 * oy * w);
                int o = ((pl * oh) + oy) * ow;
                int j = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= ow; j += 8)
                    {
                        var (v0, i0) = Window256(ref xr, r0 + (2 * j), w);
                        var (v1, i1) = Window256(ref xr, r0 + (2 * j) + 8, w);
                        Vector256.Narrow(v0.AsInt64(), v1.AsInt64()).AsSingle().StoreUnsafe(ref yr, (nuint)(o + j));
                        Vector256.Narrow(i0.AsInt64(), i1.AsInt64()).StoreUnsafe(ref ir, (nuint)(o + j));
                    }
                }

                if (Vector128.IsHardwareAccelerated)
                {
                    for (; j + 4 <= ow; j += 4)
                    {
                        var (v0, i0) = Window128(ref xr, r0 + (2 * j), w);
                        var (v1, i1) = Window128(ref xr, r0 + (2 * j) + 4, w);
                        Vector128.Narrow(v0.AsInt64(), v1.AsInt64()).AsSingle().StoreUnsafe(ref yr, (nuint)(o + j));
                        Vector128.Narrow(i0.AsInt64(), i1.AsInt64()).StoreUnsafe(ref ir, (nuint)(o + j));
                    }
                }

                for (; j < ow; j++)
                {
                    int a = r0 + (2 * j);
                    float best = Unsafe.Add(ref xr, a);
                    int at = a;
                    Consider(ref xr, a + 1, ref best, ref at);
                    Consider(ref xr, a + w, ref best, ref at);
                    Consider(ref xr, a + w + 1, ref best, ref at);
                    Unsafe.Add(ref yr, o + j) = best;
                    Unsafe.Add(ref ir, o + j) = at;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(ref float xr, int at, ref float best, ref int bestAt)
    {
        float v = Unsafe.Add(ref xr, at);
        if (v > best || float.IsNaN(v))
        {
            best = v;
            bestAt = at;
        }
    }

    // Even lane 2t of the result holds window t of the 8 inputs at x[start..start + 8) and the
    // row below: its maximum and that maximum's flat index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Value, Vector256<int> Index) Window256(ref float xr, int start, int w)
    {
        var swap = Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6);
        var top = Vector256.LoadUnsafe(ref xr, (nuint)start);
        var bottom = Vector256.LoadUnsafe(ref xr, (nuint)(start + w));
        var it = Vector256.Create(start) + Vector256<int>.Indices;
        var ib = it + Vector256.Create(w);
        var one = Vector256<int>.One;
        var (tv, ti) = Later256(top, it, Vector256.Shuffle(top, swap), it + one);
        var (bv, bi) = Later256(bottom, ib, Vector256.Shuffle(bottom, swap), ib + one);
        return Later256(tv, ti, bv, bi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Value, Vector128<int> Index) Window128(ref float xr, int start, int w)
    {
        var swap = Vector128.Create(1, 0, 3, 2);
        var top = Vector128.LoadUnsafe(ref xr, (nuint)start);
        var bottom = Vector128.LoadUnsafe(ref xr, (nuint)(start + w));
        var it = Vector128.Create(start) + Vector128<int>.Indices;
        var ib = it + Vector128.Create(w);
        var one = Vector128<int>.One;
        var (tv, ti) = Later128(top, it, Vector128.Shuffle(top, swap), it + one);
        var (bv, bi) = Later128(bottom, ib, Vector128.Shuffle(bottom, swap), ib + one);
        return Later128(tv, ti, bv, bi);
    }

    // Combines an earlier and a later part of a window in scan order: the later one wins when it is
    // larger or NaN, which reproduces a sequential first-maximum-wins scan where NaN propagates.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Value, Vector256<int> Index) Later256(Vector256<float> ev, Vector256<int> ei, Vector256<float> lv, Vector256<int> li)
    {
        var take = Vector256.GreaterThan(lv, ev) | ~Vector256.Equals(lv, lv);
        return (Vector256.ConditionalSelect(take, lv, ev), Vector256.ConditionalSelect(take.AsInt32(), li, ei));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Value, Vector128<int> Index) Later128(Vector128<float> ev, Vector128<int> ei, Vector128<float> lv, Vector128<int> li)
    {
        var take = Vector128.GreaterThan(lv, ev) | ~Vector128.Equals(lv, lv);
        return (Vector128.ConditionalSelect(take, lv, ev), Vector128.ConditionalSelect(take.AsInt32(), li, ei));
    }
}
