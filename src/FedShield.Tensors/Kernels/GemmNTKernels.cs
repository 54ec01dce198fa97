using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// Register tiles of dot products for <see cref="GemmNT"/>: tile[r·NR + c] = Σ_p a_r[p]·b_c[p] for
/// MR rows of A and NR rows of B that are both contiguous along p. Rows past the end of an
/// operand repeat its last row (the caller discards those results), so no load leaves the operand.
/// </summary>
internal static class GemmNTKernels
{
    public const int MR512 = 5;

    public const int NR512 = 5;

    public static void Tile512(ref float a, nint lda, int rowsA, ref float b, nint ldb, int rowsB, int k, ref float tile)
    {
        ref float a0 = ref Unsafe.Add(ref a, Math.Min(0, rowsA - 1) * lda);
        ref float a1 = ref Unsafe.Add(ref a, Math.Min(1, rowsA - 1) * lda);
        ref float a2 = ref Unsafe.Add(ref a, Math.Min(2, rowsA - 1) * lda);
        ref float a3 = ref Unsafe.Add(ref a, Math.Min(3, rowsA - 1) * lda);
        ref float a4 = ref Unsafe.Add(ref a, Math.Min(4, rowsA - 1) * lda);
        ref float b0 = ref Unsafe.Add(ref b, Math.Min(0, rowsB - 1) * ldb);
        ref float b1 = ref Unsafe.Add(ref b, Math.Min(1, rowsB - 1) * ldb);
        ref float b2 = ref Unsafe.Add(ref b, Math.Min(2, rowsB - 1) * ldb);
        ref float b3 = ref Unsafe.Add(ref b, Math.Min(3, rowsB - 1) * ldb);
        ref float b4 = ref Unsafe.Add(ref b, Math.Min(4, rowsB - 1) * ldb);
        Vector512<float> s00 = Vector512<float>.Zero; Vector512<float> s01 = Vector512<float>.Zero; Vector512<float> s02 = Vector512<float>.Zero; Vector512<float> s03 = Vector512<float>.Zero; Vector512<float> s04 = Vector512<float>.Zero;
        Vector512<float> s10 = Vector512<float>.Zero; Vector512<float> s11 = Vector512<float>.Zero; Vector512<float> s12 = Vector512<float>.Zero; Vector512<float> s13 = Vector512<float>.Zero; Vector512<float> s14 = Vector512<float>.Zero;
        Vector512<float> s20 = Vector512<float>.Zero; Vector512<float> s21 = Vector512<float>.Zero; Vector512<float> s22 = Vector512<float>.Zero; Vector512<float> s23 = Vector512<float>.Zero; Vector512<float> s24 = Vector512<float>.Zero;
        Vector512<float> s30 = Vector512<float>.Zero; Vector512<float> s31 = Vector512<float>.Zero; Vector512<float> s32 = Vector512<float>.Zero; Vector512<float> s33 = Vector512<float>.Zero; Vector512<float> s34 = Vector512<float>.Zero;
        Vector512<float> s40 = Vector512<float>.Zero; Vector512<float> s41 = Vector512<float>.Zero; Vector512<float> s42 = Vector512<float>.Zero; Vector512<float> s43 = Vector512<float>.Zero; Vector512<float> s44 = Vector512<float>.Zero;
        nuint p = 0;
        nuint vectorEnd = (nuint)(k - (k % 16));
        for (; p < vectorEnd; p += 16)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref a0, p);
            Vector512<float> x1 = Vector512.LoadUnsafe(ref a1, p);
            Vector512<float> x2 = Vector512.LoadUnsafe(ref a2, p);
            Vector512<float> x3 = Vector512.LoadUnsafe(ref a3, p);
            Vector512<float> x4 = Vector512.LoadUnsafe(ref a4, p);
            Vector512<float> y0 = Vector512.LoadUnsafe(ref b0, p);
            s00 = Vector512.MultiplyAddEstimate(x0, y0, s00);
            s10 = Vector512.MultiplyAddEstimate(x1, y0, s10);
            s20 = Vector512.MultiplyAddEstimate(x2, y0, s20);
            s30 = Vector512.MultiplyAddEstimate(x3, y0, s30);
            s40 = Vector512.MultiplyAddEstimate(x4, y0, s40);
            Vector512<float> y1 = Vector512.LoadUnsafe(ref b1, p);
            s01 = Vector512.MultiplyAddEstimate(x0, y1, s01);
            s11 = Vector512.MultiplyAddEstimate(x1, y1, s11);
            s21 = Vector512.MultiplyAddEstimate(x2, y1, s21);
            s31 = Vector512.MultiplyAddEstimate(x3, y1, s31);
            s41 = Vector512.MultiplyAddEstimate(x4, y1, s41);
            Vector512<float> y2 = Vector512.LoadUnsafe(ref b2, p);
            s02 = Vector512.MultiplyAddEstimate(x0, y2, s02);
            s12 = Vector512.MultiplyAddEstimate(x1, y2, s12);
            s22 = Vector512.MultiplyAddEstimate(x2, y2, s22);
            s32 = Vector512.MultiplyAddEstimate(x3, y2, s32);
            s42 = Vector512.MultiplyAddEstimate(x4, y2, s42);
            Vector512<float> y3 = Vector512.LoadUnsafe(ref b3, p);
            s03 = Vector512.MultiplyAddEstimate(x0, y3, s03);
            s13 = Vector512.MultiplyAddEstimate(x1, y3, s13);
            s23 = Vector512.MultiplyAddEstimate(x2, y3, s23);
            s33 = Vector512.MultiplyAddEstimate(x3, y3, s33);
            s43 = Vector512.MultiplyAddEstimate(x4, y3, s43);
            Vector512<float> y4 = Vector512.LoadUnsafe(ref b4, p);
            s04 = Vector512.MultiplyAddEstimate(x0, y4, s04);
            s14 = Vector512.MultiplyAddEstimate(x1, y4, s14);
            s24 = Vector512.MultiplyAddEstimate(x2, y4, s24);
            s34 = Vector512.MultiplyAddEstimate(x3, y4, s34);
            s44 = Vector512.MultiplyAddEstimate(x4, y4, s44);
        }

        Unsafe.Add(ref tile, 0) = Vector512.Sum(s00);
        Unsafe.Add(ref tile, 1) = Vector512.Sum(s01);
        Unsafe.Add(ref tile, 2) = Vector512.Sum(s02);
        Unsafe.Add(ref tile, 3) = Vector512.Sum(s03);
        Unsafe.Add(ref tile, 4) = Vector512.Sum(s04);
        Unsafe.Add(ref tile, 5) = Vector512.Sum(s10);
        Unsafe.Add(ref tile, 6) = Vector512.Sum(s11);
        Unsafe.Add(ref tile, 7) = Vector512.Sum(s12);
        Unsafe.Add(ref tile, 8) = Vector512.Sum(s13);
        Unsafe.Add(ref tile, 9) = Vector512.Sum(s14);
        Unsafe.Add(ref tile, 10) = Vector512.Sum(s20);
        Unsafe.Add(ref tile, 11) = Vector512.Sum(s21);
        Unsafe.Add(ref tile, 12) = Vector512.Sum(s22);
        Unsafe.Add(ref tile, 13) = Vector512.Sum(s23);
        Unsafe.Add(ref tile, 14) = Vector512.Sum(s24);
        Unsafe.Add(ref tile, 15) = Vector512.Sum(s30);
        Unsafe.Add(ref tile, 16) = Vector512.Sum(s31);
        Unsafe.Add(ref tile, 17) = Vector512.Sum(s32);
        Unsafe.Add(ref tile, 18) = Vector512.Sum(s33);
        Unsafe.Add(ref tile, 19) = Vector512.Sum(s34);
        Unsafe.Add(ref tile, 20) = Vector512.Sum(s40);
        Unsafe.Add(ref tile, 21) = Vector512.Sum(s41);
        Unsafe.Add(ref tile, 22) = Vector512.Sum(s42);
        Unsafe.Add(ref tile, 23) = Vector512.Sum(s43);
        Unsafe.Add(ref tile, 24) = Vector512.Sum(s44);

        for (; p < (nuint)k; p++)
        {
            float x0 = Unsafe.Add(ref a0, p);
            float x1 = Unsafe.Add(ref a1, p);
            float x2 = Unsafe.Add(ref a2, p);
            float x3 = Unsafe.Add(ref a3, p);
            float x4 = Unsafe.Add(ref a4, p);
            float y0 = Unsafe.Add(ref b0, p);
            Unsafe.Add(ref tile, 0) += x0 * y0; Unsafe.Add(ref tile, 5) += x1 * y0; Unsafe.Add(ref tile, 10) += x2 * y0; Unsafe.Add(ref tile, 15) += x3 * y0; Unsafe.Add(ref tile, 20) += x4 * y0;
            float y1 = Unsafe.Add(ref b1, p);
            Unsafe.Add(ref tile, 1) += x0 * y1; Unsafe.Add(ref tile, 6) += x1 * y1; Unsafe.Add(ref tile, 11) += x2 * y1; Unsafe.Add(ref tile, 16) += x3 * y1; Unsafe.Add(ref tile, 21) += x4 * y1;
            float y2 = Unsafe.Add(ref b2, p);
            Unsafe.Add(ref tile, 2) += x0 * y2; Unsafe.Add(ref tile, 7) += x1 * y2; Unsafe.Add(ref tile, 12) += x2 * y2; Unsafe.Add(ref tile, 17) += x3 * y2; Unsafe.Add(ref tile, 22) += x4 * y2;
            float y3 = Unsafe.Add(ref b3, p);
            Unsafe.Add(ref tile, 3) += x0 * y3; Unsafe.Add(ref tile, 8) += x1 * y3; Unsafe.Add(ref tile, 13) += x2 * y3; Unsafe.Add(ref tile, 18) += x3 * y3; Unsafe.Add(ref tile, 23) += x4 * y3;
            float y4 = Unsafe.Add(ref b4, p);
            Unsafe.Add(ref tile, 4) += x0 * y4; Unsafe.Add(ref tile, 9) += x1 * y4; Unsafe.Add(ref tile, 14) += x2 * y4; Unsafe.Add(ref tile, 19) += x3 * y4; Unsafe.Add(ref tile, 24) += x4 * y4;
        }
    }

    public const int MR256 = 3;

    public const int NR256 = 3;

    public static void Tile256(ref float a, nint lda, int rowsA, ref float b, nint ldb, int rowsB, int k, ref float tile)
    {
        ref float a0 = ref Unsafe.Add(ref a, Math.Min(0, rowsA - 1) * lda);
        ref float a1 = ref Unsafe.Add(ref a, Math.Min(1, rowsA - 1) * lda);
        ref float a2 = ref Unsafe.Add(ref a, Math.Min(2, rowsA - 1) * lda);
        ref float b0 = ref Unsafe.Add(ref b, Math.Min(0, rowsB - 1) * ldb);
        ref float b1 = ref Unsafe.Add(ref b, Math.Min(1, rowsB - 1) * ldb);
        ref float b2 = ref Unsafe.Add(ref b, Math.Min(2, rowsB - 1) * ldb);
        Vector256<float> s00 = Vector256<float>.Zero; Vector256<float> s01 = Vector256<float>.Zero; Vector256<float> s02 = Vector256<float>.Zero;
        Vector256<float> s10 = Vector256<float>.Zero; Vector256<float> s11 = Vector256<float>.Zero; Vector256<float> s12 = Vector256<float>.Zero;
        Vector256<float> s20 = Vector256<float>.Zero; Vector256<float> s21 = Vector256<float>.Zero; Vector256<float> s22 = Vector256<float>.Zero;
        nuint p = 0;
        nuint vectorEnd = (nuint)(k - (k % 8));
        for (; p < vectorEnd; p += 8)
        {
            Vector256<float> x0 = Vector256.LoadUnsafe(ref a0, p);
            Vector256<float> x1 = Vector256.LoadUnsafe(ref a1, p);
            Vector256<float> x2 = Vector256.LoadUnsafe(ref a2, p);
            Vector256<float> y0 = Vector256.LoadUnsafe(ref b0, p);
            s00 = Vector256.MultiplyAddEstimate(x0, y0, s00);
            s10 = Vector256.MultiplyAddEstimate(x1, y0, s10);
            s20 = Vector256.MultiplyAddEstimate(x2, y0, s20);
            Vector256<float> y1 = Vector256.LoadUnsafe(ref b1, p);
            s01 = Vector256.MultiplyAddEstimate(x0, y1, s01);
            s11 = Vector256.MultiplyAddEstimate(x1, y1, s11);
            s21 = Vector256.MultiplyAddEstimate(x2, y1, s21);
            Vector256<float> y2 = Vector256.LoadUnsafe(ref b2, p);
            s02 = Vector256.MultiplyAddEstimate(x0, y2, s02);
            s12 = Vector256.MultiplyAddEstimate(x1, y2, s12);
            s22 = Vector256.MultiplyAddEstimate(x2, y2, s22);
        }

        Unsafe.Add(ref tile, 0) = Vector256.Sum(s00);
        Unsafe.Add(ref tile, 1) = Vector256.Sum(s01);
        Unsafe.Add(ref tile, 2) = Vector256.Sum(s02);
        Unsafe.Add(ref tile, 3) = Vector256.Sum(s10);
        Unsafe.Add(ref tile, 4) = Vector256.Sum(s11);
        Unsafe.Add(ref tile, 5) = Vector256.Sum(s12);
        Unsafe.Add(ref tile, 6) = Vector256.Sum(s20);
        Unsafe.Add(ref tile, 7) = Vector256.Sum(s21);
        Unsafe.Add(ref tile, 8) = Vector256.Sum(s22);

        for (; p < (nuint)k; p++)
        {
            float x0 = Unsafe.Add(ref a0, p);
            float x1 = Unsafe.Add(ref a1, p);
            float x2 = Unsafe.Add(ref a2, p);
            float y0 = Unsafe.Add(ref b0, p);
            Unsafe.Add(ref tile, 0) += x0 * y0; Unsafe.Add(ref tile, 3) += x1 * y0; Unsafe.Add(ref tile, 6) += x2 * y0;
            float y1 = Unsafe.Add(ref b1, p);
            Unsafe.Add(ref tile, 1) += x0 * y1; Unsafe.Add(ref tile, 4) += x1 * y1; Unsafe.Add(ref tile, 7) += x2 * y1;
            float y2 = Unsafe.Add(ref b2, p);
            Unsafe.Add(ref tile, 2) += x0 * y2; Unsafe.Add(ref tile, 5) += x1 * y2; Unsafe.Add(ref tile, 8) += x2 * y2;
        }
    }

    public const int MR128 = 3;

    public const int NR128 = 3;

    public static void Tile128(ref float a, nint lda, int rowsA, ref float b, nint ldb, int rowsB, int k, ref float tile)
    {
        ref float a0 = ref Unsafe.Add(ref a, Math.Min(0, rowsA - 1) * lda);
        ref float a1 = ref Unsafe.Add(ref a, Math.Min(1, rowsA - 1) * lda);
        ref float a2 = ref Unsafe.Add(ref a, Math.Min(2, rowsA - 1) * lda);
        ref float b0 = ref Unsafe.Add(ref b, Math.Min(0, rowsB - 1) * ldb);
        ref float b1 = ref Unsafe.Add(ref b, Math.Min(1, rowsB - 1) * ldb);
        ref float b2 = ref Unsafe.Add(ref b, Math.Min(2, rowsB - 1) * ldb);
        Vector128<float> s00 = Vector128<float>.Zero; Vector128<float> s01 = Vector128<float>.Zero; Vector128<float> s02 = Vector128<float>.Zero;
        Vector128<float> s10 = Vector128<float>.Zero; Vector128<float> s11 = Vector128<float>.Zero; Vector128<float> s12 = Vector128<float>.Zero;
        Vector128<float> s20 = Vector128<float>.Zero; Vector128<float> s21 = Vector128<float>.Zero; Vector128<float> s22 = Vector128<float>.Zero;
        nuint p = 0;
        nuint vectorEnd = (nuint)(k - (k % 4));
        for (; p < vectorEnd; p += 4)
        {
            Vector128<float> x0 = Vector128.LoadUnsafe(ref a0, p);
            Vector128<float> x1 = Vector128.LoadUnsafe(ref a1, p);
            Vector128<float> x2 = Vector128.LoadUnsafe(ref a2, p);
            Vector128<float> y0 = Vector128.LoadUnsafe(ref b0, p);
            s00 = Vector128.MultiplyAddEstimate(x0, y0, s00);
            s10 = Vector128.MultiplyAddEstimate(x1, y0, s10);
            s20 = Vector128.MultiplyAddEstimate(x2, y0, s20);
            Vector128<float> y1 = Vector128.LoadUnsafe(ref b1, p);
            s01 = Vector128.MultiplyAddEstimate(x0, y1, s01);
            s11 = Vector128.MultiplyAddEstimate(x1, y1, s11);
            s21 = Vector128.MultiplyAddEstimate(x2, y1, s21);
            Vector128<float> y2 = Vector128.LoadUnsafe(ref b2, p);
            s02 = Vector128.MultiplyAddEstimate(x0, y2, s02);
            s12 = Vector128.MultiplyAddEstimate(x1, y2, s12);
            s22 = Vector128.MultiplyAddEstimate(x2, y2, s22);
        }

        Unsafe.Add(ref tile, 0) = Vector128.Sum(s00);
        Unsafe.Add(ref tile, 1) = Vector128.Sum(s01);
        Unsafe.Add(ref tile, 2) = Vector128.Sum(s02);
        Unsafe.Add(ref tile, 3) = Vector128.Sum(s10);
        Unsafe.Add(ref tile, 4) = Vector128.Sum(s11);
        Unsafe.Add(ref tile, 5) = Vector128.Sum(s12);
        Unsafe.Add(ref tile, 6) = Vector128.Sum(s20);
        Unsafe.Add(ref tile, 7) = Vector128.Sum(s21);
        Unsafe.Add(ref tile, 8) = Vector128.Sum(s22);

        for (; p < (nuint)k; p++)
        {
            float x0 = Unsafe.Add(ref a0, p);
            float x1 = Unsafe.Add(ref a1, p);
            float x2 = Unsafe.Add(ref a2, p);
            float y0 = Unsafe.Add(ref b0, p);
            Unsafe.Add(ref tile, 0) += x0 * y0; Unsafe.Add(ref tile, 3) += x1 * y0; Unsafe.Add(ref tile, 6) += x2 * y0;
            float y1 = Unsafe.Add(ref b1, p);
            Unsafe.Add(ref tile, 1) += x0 * y1; Unsafe.Add(ref tile, 4) += x1 * y1; Unsafe.Add(ref tile, 7) += x2 * y1;
            float y2 = Unsafe.Add(ref b2, p);
            Unsafe.Add(ref tile, 2) += x0 * y2; Unsafe.Add(ref tile, 5) += x1 * y2; Unsafe.Add(ref tile, 8) += x2 * y2;
        }
    }
}
