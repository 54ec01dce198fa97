namespace FedShield.Tensors.Kernels;

/// <summary>
/// The naive triple loop that the packed <see cref="Gemm"/> is tested against: each dot product is
/// accumulated in double, so it is also the more accurate of the two.
/// </summary>
internal static class GemmReference
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C with the same contract as <see cref="Gemm.Run"/>.</summary>
    public static void Run(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        Gemm.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    float bv = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += (double)av * bv;
                }

                ref float cij = ref c[(i * ldc) + j];

                // beta = 0 must not read C, so NaN or garbage in an uninitialised C never leaks through.
                cij = beta == 0f ? (float)(alpha * sum) : (float)((alpha * sum) + ((double)beta * cij));
            }
        }
    }
}
