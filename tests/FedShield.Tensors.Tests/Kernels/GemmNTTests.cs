using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class GemmNTTests
{
    private const float Sentinel = 12345.5f;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_SmallSizesSweep_MatchesReference(int width)
    {
        int seed = 0;
        foreach (int k in new[] { 0, 1, 3, 4, 15, 16, 17, 33 })
        {
            for (int m = 0; m <= 11; m++)
            {
                for (int n = 0; n <= 11; n++)
                {
                    Check(width, m, n, k, seed % 2 == 0 ? 0f : 0.5f, extraLd: seed % 3, seed++);
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 10, 25, 576)]
    [InlineData(1, 10, 25, 576)]
    [InlineData(2, 10, 25, 576)]
    [InlineData(3, 10, 25, 576)]
    [InlineData(3, 20, 250, 64)]
    [InlineData(3, 13, 7, 301)]
    [InlineData(2, 13, 7, 301)]
    public void Run_ConvolutionShapes_MatchesReference(int width, int m, int n, int k)
    {
        Check(width, m, n, k, 0f, extraLd: 0, seed: m + n + k);
        Check(width, m, n, k, 1f, extraLd: 5, seed: m + n + k + 1);
    }

    [Fact]
    public void Run_DispatchedWidth_MatchesReference() => Check(-1, 10, 25, 576, 1f, extraLd: 2, seed: 9);

    private static void Check(int width, int m, int n, int k, float beta, int extraLd, int seed)
    {
        // A (m, k) and B (n, k), both row-major along k; C (m, n).
        int lda = Math.Max(1, k) + extraLd;
        int ldb = Math.Max(1, k) + extraLd;
        int ldc = Math.Max(1, n) + extraLd;
        var a = TestData.Array(seed, Math.Max(m * lda, 1));
        var b = TestData.Array(seed + 1, Math.Max(n * ldb, 1));
        var actual = new float[(m * ldc) + 8];
        Array.Fill(actual, Sentinel);
        var start = TestData.Array(seed + 2, m * ldc);
        for (int i = 0; i < m; i++)
        {
            start.AsSpan(i * ldc, n).CopyTo(actual.AsSpan(i * ldc, n));
        }

        var expected = (float[])actual.Clone();
        GemmReference.Run(false, true, m, n, k, 1f, a, lda, b, ldb, beta, expected, ldc);
        if (width < 0)
        {
            GemmNT.Run(m, n, k, a, lda, b, ldb, beta, actual, ldc);
        }
        else
        {
            GemmNT.Run(width, m, n, k, a, lda, b, ldb, beta, actual, ldc);
        }

        float tolerance = 2e-6f * (k + 2);
        for (int i = 0; i < actual.Length; i++)
        {
            bool inside = i < m * ldc && i % ldc < n;
            string what = $"width {width} m={m} n={n} k={k} beta={beta}: element {i}";
            if (inside)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1f + Math.Abs(expected[i])), $"{what}: expected {expected[i]}, got {actual[i]}");
            }
            else
            {
                Assert.True(actual[i] == Sentinel, $"{what} outside C was overwritten");
            }
        }
    }
}
