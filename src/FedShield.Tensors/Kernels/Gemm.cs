namespace FedShield.Tensors.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major storage: C = alpha·op(A)·op(B) + beta·C, where
/// op(A) is (m, k) and op(B) is (k, n). A transposed operand is read in place through its leading
/// dimension, never copied by the caller. Single-threaded and deterministic.
/// </summary>
internal static partial class Gemm
{
    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C. Element (i, p) of op(A) is <c>a[i·lda + p]</c>, or
    /// <c>a[p·lda + i]</c> when <paramref name="transA"/>; likewise for B with (p, j). With beta = 0,
    /// C is written without being read.
    /// </summary>
    public static void Run(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmReference.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    internal static void Validate(bool transA, bool transB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"Gemm: negative size m={m}, n={n}, k={k}.");
        }

        CheckOperand("A", transA ? k : m, transA ? m : k, aLength, lda);
        CheckOperand("B", transB ? n : k, transB ? k : n, bLength, ldb);
        CheckOperand("C", m, n, cLength, ldc);
    }

    // A stored operand has `rows` rows of `cols` elements, rows `ld` apart.
    private static void CheckOperand(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentException($"Gemm: leading dimension {ld} of {name} is smaller than its row length {cols}.");
        }

        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;
        if (needed > length)
        {
            throw new ArgumentException($"Gemm: {name} needs {needed} elements ({rows} rows of {cols}, leading dimension {ld}) but holds {length}.");
        }
    }
}
