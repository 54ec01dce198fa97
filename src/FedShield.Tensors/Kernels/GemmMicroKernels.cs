// Each kernel is the same loop at a different vector width, written out in full so that every
// accumulator lives in a register for the whole k loop.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// A register-tiled GEMM micro-kernel: C[MR × NR] = alpha·Ap·Bp + beta·C, where Ap is a packed
/// MR-row panel (k-th column at a + k·MR) and Bp an NR-column panel whose k-th row starts at
/// b + k·bStep (packed, bStep = NR, or read in place from a row-major matrix, bStep = ldb).
/// </summary>
internal interface IGemmMicroKernel
{
    static abstract int MR { get; }

    static abstract int NR { get; }

    /// <summary>beta = 0 writes C without reading it.</summary>
    static abstract void Run(ref float a, ref float b, nint bStep, int kc, ref float c, nint ldc, float alpha, float beta);
}

/// <summary>AVX-512 (or any 512-bit SIMD): a 10 × 32 tile in 20 of the 32 vector registers.</summary>
internal readonly struct GemmKernel512 : IGemmMicroKernel
{
    public static int MR => 10;

    public static int NR => 32;

    public static void Run(ref float a, ref float b, nint bStep, int kc, ref float c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = Vector512<float>.Zero; Vector512<float> c01 = Vector512<float>.Zero;
        Vector512<float> c10 = Vector512<float>.Zero; Vector512<float> c11 = Vector512<float>.Zero;
        Vector512<float> c20 = Vector512<float>.Zero; Vector512<float> c21 = Vector512<float>.Zero;
        Vector512<float> c30 = Vector512<float>.Zero; Vector512<float> c31 = Vector512<float>.Zero;
        Vector512<float> c40 = Vector512<float>.Zero; Vector512<float> c41 = Vector512<float>.Zero;
        Vector512<float> c50 = Vector512<float>.Zero; Vector512<float> c51 = Vector512<float>.Zero;
        Vector512<float> c60 = Vector512<float>.Zero; Vector512<float> c61 = Vector512<float>.Zero;
        Vector512<float> c70 = Vector512<float>.Zero; Vector512<float> c71 = Vector512<float>.Zero;
        Vector512<float> c80 = Vector512<float>.Zero; Vector512<float> c81 = Vector512<float>.Zero;
        Vector512<float> c90 = Vector512<float>.Zero; Vector512<float> c91 = Vector512<float>.Zero;
        ref float ap = ref a;
        ref float bp = ref b;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.LoadUnsafe(ref bp);
            Vector512<float> b1 = Vector512.LoadUnsafe(ref bp, 16);
            Vector512<float> a0 = Vector512.Create(ap);
            c00 = Vector512.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector512.MultiplyAddEstimate(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(Unsafe.Add(ref ap, 1));
            c10 = Vector512.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector512.MultiplyAddEstimate(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(Unsafe.Add(ref ap, 2));
            c20 = Vector512.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector512.MultiplyAddEstimate(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(Unsafe.Add(ref ap, 3));
            c30 = Vector512.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector512.MultiplyAddEstimate(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(Unsafe.Add(ref ap, 4));
            c40 = Vector512.MultiplyAddEstimate(a4, b0, c40);
            c41 = Vector512.MultiplyAddEstimate(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(Unsafe.Add(ref ap, 5));
            c50 = Vector512.MultiplyAddEstimate(a5, b0, c50);
            c51 = Vector512.MultiplyAddEstimate(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(Unsafe.Add(ref ap, 6));
            c60 = Vector512.MultiplyAddEstimate(a6, b0, c60);
            c61 = Vector512.MultiplyAddEstimate(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(Unsafe.Add(ref ap, 7));
            c70 = Vector512.MultiplyAddEstimate(a7, b0, c70);
            c71 = Vector512.MultiplyAddEstimate(a7, b1, c71);
            Vector512<float> a8 = Vector512.Create(Unsafe.Add(ref ap, 8));
            c80 = Vector512.MultiplyAddEstimate(a8, b0, c80);
            c81 = Vector512.MultiplyAddEstimate(a8, b1, c81);
            Vector512<float> a9 = Vector512.Create(Unsafe.Add(ref ap, 9));
            c90 = Vector512.MultiplyAddEstimate(a9, b0, c90);
            c91 = Vector512.MultiplyAddEstimate(a9, b1, c91);
            ap = ref Unsafe.Add(ref ap, 10);
            bp = ref Unsafe.Add(ref bp, bStep);
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (c00 * va).StoreUnsafe(ref c);
            (c01 * va).StoreUnsafe(ref c, 16);
            (c10 * va).StoreUnsafe(ref c, (nuint)((1 * ldc) + 0));
            (c11 * va).StoreUnsafe(ref c, (nuint)((1 * ldc) + 16));
            (c20 * va).StoreUnsafe(ref c, (nuint)((2 * ldc) + 0));
            (c21 * va).StoreUnsafe(ref c, (nuint)((2 * ldc) + 16));
            (c30 * va).StoreUnsafe(ref c, (nuint)((3 * ldc) + 0));
            (c31 * va).StoreUnsafe(ref c, (nuint)((3 * ldc) + 16));
            (c40 * va).StoreUnsafe(ref c, (nuint)((4 * ldc) + 0));
            (c41 * va).StoreUnsafe(ref c, (nuint)((4 * ldc) + 16));
            (c50 * va).StoreUnsafe(ref c, (nuint)((5 * ldc) + 0));
            (c51 * va).StoreUnsafe(ref c, (nuint)((5 * ldc) + 16));
            (c60 * va).StoreUnsafe(ref c, (nuint)((6 * ldc) + 0));
            (c61 * va).StoreUnsafe(ref c, (nuint)((6 * ldc) + 16));
            (c70 * va).StoreUnsafe(ref c, (nuint)((7 * ldc) + 0));
            (c71 * va).StoreUnsafe(ref c, (nuint)((7 * ldc) + 16));
            (c80 * va).StoreUnsafe(ref c, (nuint)((8 * ldc) + 0));
            (c81 * va).StoreUnsafe(ref c, (nuint)((8 * ldc) + 16));
            (c90 * va).StoreUnsafe(ref c, (nuint)((9 * ldc) + 0));
            (c91 * va).StoreUnsafe(ref c, (nuint)((9 * ldc) + 16));
            return;
        }

        Vector512<float> vb = Vector512.Create(beta);
        Vector512.MultiplyAddEstimate(c00, va, Vector512.LoadUnsafe(ref c) * vb).StoreUnsafe(ref c);
        Vector512.MultiplyAddEstimate(c01, va, Vector512.LoadUnsafe(ref c, 16) * vb).StoreUnsafe(ref c, 16);
        Vector512.MultiplyAddEstimate(c10, va, Vector512.LoadUnsafe(ref c, (nuint)((1 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((1 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c11, va, Vector512.LoadUnsafe(ref c, (nuint)((1 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((1 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c20, va, Vector512.LoadUnsafe(ref c, (nuint)((2 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((2 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c21, va, Vector512.LoadUnsafe(ref c, (nuint)((2 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((2 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c30, va, Vector512.LoadUnsafe(ref c, (nuint)((3 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((3 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c31, va, Vector512.LoadUnsafe(ref c, (nuint)((3 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((3 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c40, va, Vector512.LoadUnsafe(ref c, (nuint)((4 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((4 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c41, va, Vector512.LoadUnsafe(ref c, (nuint)((4 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((4 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c50, va, Vector512.LoadUnsafe(ref c, (nuint)((5 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((5 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c51, va, Vector512.LoadUnsafe(ref c, (nuint)((5 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((5 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c60, va, Vector512.LoadUnsafe(ref c, (nuint)((6 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((6 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c61, va, Vector512.LoadUnsafe(ref c, (nuint)((6 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((6 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c70, va, Vector512.LoadUnsafe(ref c, (nuint)((7 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((7 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c71, va, Vector512.LoadUnsafe(ref c, (nuint)((7 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((7 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c80, va, Vector512.LoadUnsafe(ref c, (nuint)((8 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((8 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c81, va, Vector512.LoadUnsafe(ref c, (nuint)((8 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((8 * ldc) + 16));
        Vector512.MultiplyAddEstimate(c90, va, Vector512.LoadUnsafe(ref c, (nuint)((9 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((9 * ldc) + 0));
        Vector512.MultiplyAddEstimate(c91, va, Vector512.LoadUnsafe(ref c, (nuint)((9 * ldc) + 16)) * vb).StoreUnsafe(ref c, (nuint)((9 * ldc) + 16));
    }
}

/// <summary>256-bit SIMD (AVX2): a 5 × 16 tile in 10 of the 16 vector registers.</summary>
internal readonly struct GemmKernel256 : IGemmMicroKernel
{
    public static int MR => 5;

    public static int NR => 16;

    public static void Run(ref float a, ref float b, nint bStep, int kc, ref float c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = Vector256<float>.Zero; Vector256<float> c01 = Vector256<float>.Zero;
        Vector256<float> c10 = Vector256<float>.Zero; Vector256<float> c11 = Vector256<float>.Zero;
        Vector256<float> c20 = Vector256<float>.Zero; Vector256<float> c21 = Vector256<float>.Zero;
        Vector256<float> c30 = Vector256<float>.Zero; Vector256<float> c31 = Vector256<float>.Zero;
        Vector256<float> c40 = Vector256<float>.Zero; Vector256<float> c41 = Vector256<float>.Zero;
        ref float ap = ref a;
        ref float bp = ref b;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.LoadUnsafe(ref bp);
            Vector256<float> b1 = Vector256.LoadUnsafe(ref bp, 8);
            Vector256<float> a0 = Vector256.Create(ap);
            c00 = Vector256.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(Unsafe.Add(ref ap, 1));
            c10 = Vector256.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(Unsafe.Add(ref ap, 2));
            c20 = Vector256.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(Unsafe.Add(ref ap, 3));
            c30 = Vector256.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(Unsafe.Add(ref ap, 4));
            c40 = Vector256.MultiplyAddEstimate(a4, b0, c40);
            c41 = Vector256.MultiplyAddEstimate(a4, b1, c41);
            ap = ref Unsafe.Add(ref ap, 5);
            bp = ref Unsafe.Add(ref bp, bStep);
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            (c00 * va).StoreUnsafe(ref c);
            (c01 * va).StoreUnsafe(ref c, 8);
            (c10 * va).StoreUnsafe(ref c, (nuint)((1 * ldc) + 0));
            (c11 * va).StoreUnsafe(ref c, (nuint)((1 * ldc) + 8));
            (c20 * va).StoreUnsafe(ref c, (nuint)((2 * ldc) + 0));
            (c21 * va).StoreUnsafe(ref c, (nuint)((2 * ldc) + 8));
            (c30 * va).StoreUnsafe(ref c, (nuint)((3 * ldc) + 0));
            (c31 * va).StoreUnsafe(ref c, (nuint)((3 * ldc) + 8));
            (c40 * va).StoreUnsafe(ref c, (nuint)((4 * ldc) + 0));
            (c41 * va).StoreUnsafe(ref c, (nuint)((4 * ldc) + 8));
            return;
        }

        Vector256<float> vb = Vector256.Create(beta);
        Vector256.MultiplyAddEstimate(c00, va, Vector256.LoadUnsafe(ref c) * vb).StoreUnsafe(ref c);
        Vector256.MultiplyAddEstimate(c01, va, Vector256.LoadUnsafe(ref c, 8) * vb).StoreUnsafe(ref c, 8);
        Vector256.MultiplyAddEstimate(c10, va, Vector256.LoadUnsafe(ref c, (nuint)((1 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((1 * ldc) + 0));
        Vector256.MultiplyAddEstimate(c11, va, Vector256.LoadUnsafe(ref c, (nuint)((1 * ldc) + 8)) * vb).StoreUnsafe(ref c, (nuint)((1 * ldc) + 8));
        Vector256.MultiplyAddEstimate(c20, va, Vector256.LoadUnsafe(ref c, (nuint)((2 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((2 * ldc) + 0));
        Vector256.MultiplyAddEstimate(c21, va, Vector256.LoadUnsafe(ref c, (nuint)((2 * ldc) + 8)) * vb).StoreUnsafe(ref c, (nuint)((2 * ldc) + 8));
        Vector256.MultiplyAddEstimate(c30, va, Vector256.LoadUnsafe(ref c, (nuint)((3 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((3 * ldc) + 0));
        Vector256.MultiplyAddEstimate(c31, va, Vector256.LoadUnsafe(ref c, (nuint)((3 * ldc) + 8)) * vb).StoreUnsafe(ref c, (nuint)((3 * ldc) + 8));
        Vector256.MultiplyAddEstimate(c40, va, Vector256.LoadUnsafe(ref c, (nuint)((4 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((4 * ldc) + 0));
        Vector256.MultiplyAddEstimate(c41, va, Vector256.LoadUnsafe(ref c, (nuint)((4 * ldc) + 8)) * vb).StoreUnsafe(ref c, (nuint)((4 * ldc) + 8));
    }
}

/// <summary>128-bit SIMD (SSE, NEON): a 5 × 8 tile in 10 of the 16 vector registers.</summary>
internal readonly struct GemmKernel128 : IGemmMicroKernel
{
    public static int MR => 5;

    public static int NR => 8;

    public static void Run(ref float a, ref float b, nint bStep, int kc, ref float c, nint ldc, float alpha, float beta)
    {
        Vector128<float> c00 = Vector128<float>.Zero; Vector128<float> c01 = Vector128<float>.Zero;
        Vector128<float> c10 = Vector128<float>.Zero; Vector128<float> c11 = Vector128<float>.Zero;
        Vector128<float> c20 = Vector128<float>.Zero; Vector128<float> c21 = Vector128<float>.Zero;
        Vector128<float> c30 = Vector128<float>.Zero; Vector128<float> c31 = Vector128<float>.Zero;
        Vector128<float> c40 = Vector128<float>.Zero; Vector128<float> c41 = Vector128<float>.Zero;
        ref float ap = ref a;
        ref float bp = ref b;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.LoadUnsafe(ref bp);
            Vector128<float> b1 = Vector128.LoadUnsafe(ref bp, 4);
            Vector128<float> a0 = Vector128.Create(ap);
            c00 = Vector128.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector128.MultiplyAddEstimate(a0, b1, c01);
            Vector128<float> a1 = Vector128.Create(Unsafe.Add(ref ap, 1));
            c10 = Vector128.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector128.MultiplyAddEstimate(a1, b1, c11);
            Vector128<float> a2 = Vector128.Create(Unsafe.Add(ref ap, 2));
            c20 = Vector128.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector128.MultiplyAddEstimate(a2, b1, c21);
            Vector128<float> a3 = Vector128.Create(Unsafe.Add(ref ap, 3));
            c30 = Vector128.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector128.MultiplyAddEstimate(a3, b1, c31);
            Vector128<float> a4 = Vector128.Create(Unsafe.Add(ref ap, 4));
            c40 = Vector128.MultiplyAddEstimate(a4, b0, c40);
            c41 = Vector128.MultiplyAddEstimate(a4, b1, c41);
            ap = ref Unsafe.Add(ref ap, 5);
            bp = ref Unsafe.Add(ref bp, bStep);
        }

        Vector128<float> va = Vector128.Create(alpha);
        if (beta == 0f)
        {
            (c00 * va).StoreUnsafe(ref c);
            (c01 * va).StoreUnsafe(ref c, 4);
            (c10 * va).StoreUnsafe(ref c, (nuint)((1 * ldc) + 0));
            (c11 * va).StoreUnsafe(ref c, (nuint)((1 * ldc) + 4));
            (c20 * va).StoreUnsafe(ref c, (nuint)((2 * ldc) + 0));
            (c21 * va).StoreUnsafe(ref c, (nuint)((2 * ldc) + 4));
            (c30 * va).StoreUnsafe(ref c, (nuint)((3 * ldc) + 0));
            (c31 * va).StoreUnsafe(ref c, (nuint)((3 * ldc) + 4));
            (c40 * va).StoreUnsafe(ref c, (nuint)((4 * ldc) + 0));
            (c41 * va).StoreUnsafe(ref c, (nuint)((4 * ldc) + 4));
            return;
        }

        Vector128<float> vb = Vector128.Create(beta);
        Vector128.MultiplyAddEstimate(c00, va, Vector128.LoadUnsafe(ref c) * vb).StoreUnsafe(ref c);
        Vector128.MultiplyAddEstimate(c01, va, Vector128.LoadUnsafe(ref c, 4) * vb).StoreUnsafe(ref c, 4);
        Vector128.MultiplyAddEstimate(c10, va, Vector128.LoadUnsafe(ref c, (nuint)((1 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((1 * ldc) + 0));
        Vector128.MultiplyAddEstimate(c11, va, Vector128.LoadUnsafe(ref c, (nuint)((1 * ldc) + 4)) * vb).StoreUnsafe(ref c, (nuint)((1 * ldc) + 4));
        Vector128.MultiplyAddEstimate(c20, va, Vector128.LoadUnsafe(ref c, (nuint)((2 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((2 * ldc) + 0));
        Vector128.MultiplyAddEstimate(c21, va, Vector128.LoadUnsafe(ref c, (nuint)((2 * ldc) + 4)) * vb).StoreUnsafe(ref c, (nuint)((2 * ldc) + 4));
        Vector128.MultiplyAddEstimate(c30, va, Vector128.LoadUnsafe(ref c, (nuint)((3 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((3 * ldc) + 0));
        Vector128.MultiplyAddEstimate(c31, va, Vector128.LoadUnsafe(ref c, (nuint)((3 * ldc) + 4)) * vb).StoreUnsafe(ref c, (nuint)((3 * ldc) + 4));
        Vector128.MultiplyAddEstimate(c40, va, Vector128.LoadUnsafe(ref c, (nuint)((4 * ldc) + 0)) * vb).StoreUnsafe(ref c, (nuint)((4 * ldc) + 0));
        Vector128.MultiplyAddEstimate(c41, va, Vector128.LoadUnsafe(ref c, (nuint)((4 * ldc) + 4)) * vb).StoreUnsafe(ref c, (nuint)((4 * ldc) + 4));
    }
}

/// <summary>No SIMD: a 4 × 4 tile of scalars.</summary>
internal readonly struct GemmKernelScalar : IGemmMicroKernel
{
    public static int MR => 4;

    public static int NR => 4;

    public static void Run(ref float a, ref float b, nint bStep, int kc, ref float c, nint ldc, float alpha, float beta)
    {
        float c00 = 0f; float c01 = 0f; float c02 = 0f; float c03 = 0f;
        float c10 = 0f; float c11 = 0f; float c12 = 0f; float c13 = 0f;
        float c20 = 0f; float c21 = 0f; float c22 = 0f; float c23 = 0f;
        float c30 = 0f; float c31 = 0f; float c32 = 0f; float c33 = 0f;
        ref float ap = ref a;
        ref float bp = ref b;
        for (int p = 0; p < kc; p++)
        {
            float b0 = bp; float b1 = Unsafe.Add(ref bp, 1); float b2 = Unsafe.Add(ref bp, 2); float b3 = Unsafe.Add(ref bp, 3);
            float a0 = ap;
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = Unsafe.Add(ref ap, 1);
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = Unsafe.Add(ref ap, 2);
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = Unsafe.Add(ref ap, 3);
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            ap = ref Unsafe.Add(ref ap, 4);
            bp = ref Unsafe.Add(ref bp, bStep);
        }

        ref float r0 = ref Unsafe.Add(ref c, 0 * ldc);
        r0 = beta == 0f ? alpha * c00 : (alpha * c00) + (beta * r0);
        Unsafe.Add(ref r0, 1) = beta == 0f ? alpha * c01 : (alpha * c01) + (beta * Unsafe.Add(ref r0, 1));
        Unsafe.Add(ref r0, 2) = beta == 0f ? alpha * c02 : (alpha * c02) + (beta * Unsafe.Add(ref r0, 2));
        Unsafe.Add(ref r0, 3) = beta == 0f ? alpha * c03 : (alpha * c03) + (beta * Unsafe.Add(ref r0, 3));
        ref float r1 = ref Unsafe.Add(ref c, 1 * ldc);
        r1 = beta == 0f ? alpha * c10 : (alpha * c10) + (beta * r1);
        Unsafe.Add(ref r1, 1) = beta == 0f ? alpha * c11 : (alpha * c11) + (beta * Unsafe.Add(ref r1, 1));
        Unsafe.Add(ref r1, 2) = beta == 0f ? alpha * c12 : (alpha * c12) + (beta * Unsafe.Add(ref r1, 2));
        Unsafe.Add(ref r1, 3) = beta == 0f ? alpha * c13 : (alpha * c13) + (beta * Unsafe.Add(ref r1, 3));
        ref float r2 = ref Unsafe.Add(ref c, 2 * ldc);
        r2 = beta == 0f ? alpha * c20 : (alpha * c20) + (beta * r2);
        Unsafe.Add(ref r2, 1) = beta == 0f ? alpha * c21 : (alpha * c21) + (beta * Unsafe.Add(ref r2, 1));
        Unsafe.Add(ref r2, 2) = beta == 0f ? alpha * c22 : (alpha * c22) + (beta * Unsafe.Add(ref r2, 2));
        Unsafe.Add(ref r2, 3) = beta == 0f ? alpha * c23 : (alpha * c23) + (beta * Unsafe.Add(ref r2, 3));
        ref float r3 = ref Unsafe.Add(ref c, 3 * ldc);
        r3 = beta == 0f ? alpha * c30 : (alpha * c30) + (beta * r3);
        Unsafe.Add(ref r3, 1) = beta == 0f ? alpha * c31 : (alpha * c31) + (beta * Unsafe.Add(ref r3, 1));
        Unsafe.Add(ref r3, 2) = beta == 0f ? alpha * c32 : (alpha * c32) + (beta * Unsafe.Add(ref r3, 2));
        Unsafe.Add(ref r3, 3) = beta == 0f ? alpha * c33 : (alpha * c33) + (beta * Unsafe.Add(ref r3, 3));
    }
}
