using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// Copies and accumulations of short runs (a convolution's output row: 4 to 32 floats), where a
/// call into memmove costs more than the copy itself.
/// </summary>
internal static class SmallCopy
{
    /// <summary>dst[0..n) = src[0..n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref float src, ref float dst, int n)
    {
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= len; i += 16)
            {
                Vector512.LoadUnsafe(ref src, i).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= len; i += 8)
            {
                Vector256.LoadUnsafe(ref src, i).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= len; i += 4)
            {
                Vector128.LoadUnsafe(ref src, i).StoreUnsafe(ref dst, i);
            }
        }

        for (; i < len; i++)
        {
            Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
        }
    }

    /// <summary>
    /// dst[0..n) = src[0..n) for the short runs of an image or kernel row: a run of 4 to 32 floats
    /// moves as two overlapping vectors of the widest fitting width, with no loop and no tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyShort(ref float src, ref float dst, int n)
    {
        if (Vector128.IsHardwareAccelerated && n >= 4 && n < 8)
        {
            var head = Vector128.LoadUnsafe(ref src);
            var tail = Vector128.LoadUnsafe(ref src, (nuint)(n - 4));
            head.StoreUnsafe(ref dst);
            tail.StoreUnsafe(ref dst, (nuint)(n - 4));
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= 8 && n < 16)
        {
            var head = Vector256.LoadUnsafe(ref src);
            var tail = Vector256.LoadUnsafe(ref src, (nuint)(n - 8));
            head.StoreUnsafe(ref dst);
            tail.StoreUnsafe(ref dst, (nuint)(n - 8));
            return;
        }

        if (Vector512.IsHardwareAccelerated && n >= 16 && n <= 32)
        {
            var head = Vector512.LoadUnsafe(ref src);
            var tail = Vector512.LoadUnsafe(ref src, (nuint)(n - 16));
            head.StoreUnsafe(ref dst);
            tail.StoreUnsafe(ref dst, (nuint)(n - 16));
            return;
        }

        Copy(ref src, ref dst, n);
    }

    /// <summary>dst[0..n) += src[0..n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref float src, ref float dst, int n)
    {
        // A row of exactly one 256-bit vector (an 8-wide feature map) skips the loop checks.
        if (Vector256.IsHardwareAccelerated && n == 8)
        {
            (Vector256.LoadUnsafe(ref dst) + Vector256.LoadUnsafe(ref src)).StoreUnsafe(ref dst);
            return;
        }

        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= len; i += 16)
            {
                (Vector512.LoadUnsafe(ref dst, i) + Vector512.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= len; i += 8)
            {
                (Vector256.LoadUnsafe(ref dst, i) + Vector256.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= len; i += 4)
            {
                (Vector128.LoadUnsafe(ref dst, i) + Vector128.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            }
        }

        for (; i < len; i++)
        {
            Unsafe.Add(ref dst, i) += Unsafe.Add(ref src, i);
        }
    }
}
