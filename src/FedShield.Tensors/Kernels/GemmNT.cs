using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// C = A·Bᵀ + beta·C where the rows of A (m, k) and of B (n, k) are both contiguous along k: each
/// element is a dot product of two rows, vectorised along k, so neither operand is packed or
/// transposed. It beats the packed <see cref="Gemm"/> when k is long and m, n are small (a
/// convolution's weight gradient over a large image: k = output positions).
/// </summary>
internal static class GemmNT
{
    private enum Width
    {
        Scalar,
        Vector128,
        Vector256,
        Vector512,
    }

    private static readonly Width s_width =
        Vector512.IsHardwareAccelerated ? Width.Vector512 :
        Vector256.IsHardwareAccelerated ? Width.Vector256 :
        Vector128.IsHardwareAccelerated ? Width.Vector128 : Width.Scalar;

    /// <summary>C[i, j] = Σ_p a[i·lda + p]·b[j·ldb + p] + beta·C[i, j]; beta = 0 does not read C.</summary>
    public static void Run(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Gemm.Validate(false, true, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Run(s_width, m, n, k, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>The same with an explicit vector width (<c>0</c> scalar to <c>3</c> 512-bit), for tests.</summary>
    internal static void Run(int width, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Gemm.Validate(false, true, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Run((Width)width, m, n, k, a, lda, b, ldb, beta, c, ldc);
    }

    private static void Run(Width width, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        var (mr, nr) = width switch
        {
            Width.Vector512 => (GemmNTKernels.MR512, GemmNTKernels.NR512),
            Width.Vector256 => (GemmNTKernels.MR256, GemmNTKernels.NR256),
            Width.Vector128 => (GemmNTKernels.MR128, GemmNTKernels.NR128),
            _ => (1, 1),
        };
        Span<float> tile = stackalloc float[25];
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float cr = ref MemoryMarshal.GetReference(c);
        ref float tr = ref MemoryMarshal.GetReference(tile);
        for (int j0 = 0; j0 < n; j0 += nr)
        {
            int cols = Math.Min(nr, n - j0);
            ref float bj = ref Unsafe.Add(ref br, j0 * ldb);
            for (int i0 = 0; i0 < m; i0 += mr)
            {
                int rows = Math.Min(mr, m - i0);
                ref float ai = ref Unsafe.Add(ref ar, i0 * lda);
                if (k == 0)
                {
                    tile.Clear();
                }
                else
                {
                    switch (width)
                    {
                        case Width.Vector512:
                            GemmNTKernels.Tile512(ref ai, lda, rows, ref bj, ldb, cols, k, ref tr);
                            break;
                        case Width.Vector256:
                            GemmNTKernels.Tile256(ref ai, lda, rows, ref bj, ldb, cols, k, ref tr);
                            break;
                        case Width.Vector128:
                            GemmNTKernels.Tile128(ref ai, lda, rows, ref bj, ldb, cols, k, ref tr);
                            break;
                        default:
                            tr = Dot(ref ai, ref bj, k);
                            break;
                    }
                }

                for (int r = 0; r < rows; r++)
                {
                    ref float crow = ref Unsafe.Add(ref cr, ((i0 + r) * ldc) + j0);
                    for (int q = 0; q < cols; q++)
                    {
                        float v = Unsafe.Add(ref tr, (r * nr) + q);
                        Unsafe.Add(ref crow, q) = beta == 0f ? v : v + (beta * Unsafe.Add(ref crow, q));
                    }
                }
            }
        }
    }

    private static float Dot(ref float a, ref float b, int k)
    {
        float sum = 0f;
        for (int p = 0; p < k; p++)
        {
            sum += Unsafe.Add(ref a, p) * Unsafe.Add(ref b, p);
        }

        return sum;
    }
}
