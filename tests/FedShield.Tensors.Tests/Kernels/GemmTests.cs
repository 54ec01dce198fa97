using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class GemmTests
{
    private const float Sentinel = 12345.5f;

    public enum Width
    {
        Scalar,
        Vector128,
        Vector256,
        Vector512,
        Dispatched,
    }

    public static TheoryData<Width, bool, bool> KernelsAndTransposes()
    {
        var data = new TheoryData<Width, bool, bool>();
        foreach (var width in Enum.GetValues<Width>())
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    data.Add(width, ta, tb);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndTransposes))]
    public void Run_SmallSizesSweep_MatchesReference(Width width, bool transA, bool transB)
    {
        int seed = 0;
        foreach (int k in new[] { 0, 1, 2, 5, 11 })
        {
            for (int m = 0; m <= 12; m++)
            {
                for (int n = 0; n <= 12; n++)
                {
                    Check(width, transA, transB, m, n, k, 1f, 0f, extraLd: 0, seed++);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelsAndTransposes))]
    public void Run_MediumSizesWithLeadingDimensionsAndScalars_MatchesReference(Width width, bool transA, bool transB)
    {
        var rng = new Random(5);
        int[] sizes = [13, 16, 31, 32, 33, 47, 64, 65, 70];
        (float Alpha, float Beta)[] scalars = [(1f, 0f), (2.5f, 0f), (1f, 1f), (-0.5f, 0.75f)];
        for (int t = 0; t < 24; t++)
        {
            int m = sizes[rng.Next(sizes.Length)];
            int n = sizes[rng.Next(sizes.Length)];
            int k = sizes[rng.Next(sizes.Length)];
            var (alpha, beta) = scalars[t % scalars.Length];
            Check(width, transA, transB, m, n, k, alpha, beta, extraLd: t % 3 == 0 ? 0 : 3, seed: 100 + t);
        }
    }

    [Theory]
    [MemberData(nameof(KernelsAndTransposes))]
    public void Run_ModelShapes_MatchesReference(Width width, bool transA, bool transB)
    {
        // The MNIST CNN and the tabular MLP at batch 64: conv as per-image GEMMs, linear layers.
        int[][] shapes =
        [
            [10, 576, 25], [20, 64, 250], [64, 50, 320], [64, 10, 50], [64, 50, 10], [10, 50, 64],
            [64, 320, 50], [50, 320, 64], [20, 250, 64], [250, 64, 20], [10, 25, 576], [64, 48, 105],
            [64, 1, 48], [48, 105, 64], [1, 48, 64],
        ];
        int seed = 300;
        foreach (var s in shapes)
        {
            Check(width, transA, transB, s[0], s[1], s[2], 1f, seed % 2 == 0 ? 0f : 1f, extraLd: 1, seed++);
        }
    }

    [Theory]
    [InlineData(Width.Dispatched, 7, 9, 600)]
    [InlineData(Width.Vector512, 7, 9, 600)]
    [InlineData(Width.Vector128, 3, 2100, 5)]
    [InlineData(Width.Dispatched, 3, 2100, 5)]
    [InlineData(Width.Dispatched, 250, 40, 9)]
    [InlineData(Width.Dispatched, 5, 500, 600)]
    [InlineData(Width.Scalar, 1100, 3, 1000)]
    public void Run_BeyondBlockSizes_MatchesReference(Width width, int m, int n, int k)
    {
        foreach (bool transA in new[] { false, true })
        {
            foreach (bool transB in new[] { false, true })
            {
                Check(width, transA, transB, m, n, k, 1f, 0.5f, extraLd: 2, seed: m + n + k);
            }
        }
    }

    [Theory]
    [InlineData(Width.Vector512)]
    [InlineData(Width.Vector256)]
    [InlineData(Width.Vector128)]
    [InlineData(Width.Scalar)]
    public void Run_BetaZero_IgnoresNaNInOutput(Width width)
    {
        var a = TestData.Array(1, 12 * 7);
        var b = TestData.Array(2, 7 * 35);
        var c = new float[12 * 35];
        Array.Fill(c, float.NaN);
        Dispatch(width, false, false, 12, 35, 7, 1f, a, 7, b, 35, 0f, c, 35);
        Assert.DoesNotContain(c, float.IsNaN);
    }

    [Theory]
    [InlineData(false, 10, 576, 25)]
    [InlineData(true, 250, 64, 20)]
    [InlineData(false, 13, 40, 300)]
    public void RunPackedA_SharedPackedOperand_MatchesReference(bool transA, int m, int n, int k)
    {
        int lda = transA ? m : k;
        var a = TestData.Array(3, transA ? k * m : m * k);
        var packed = new float[Gemm.PackedALength(m, k)];
        Gemm.PackA(transA, m, k, a, lda, packed);
        for (int image = 0; image < 3; image++)
        {
            var b = TestData.Array(10 + image, k * n);
            var expected = new float[m * n];
            var actual = new float[m * n];
            GemmReference.Run(transA, false, m, n, k, 1f, a, lda, b, n, 0f, expected, n);
            Gemm.RunPackedA(packed, m, n, k, 1f, false, b, n, 0f, actual, n);
            TestData.AssertClose(expected, actual, 2e-6f * (k + 2), $"image {image}");
        }
    }

    [Fact]
    public void Run_OperandTooShort_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Run(false, false, 3, 3, 3, 1f, new float[8], 3, new float[9], 3, 0f, new float[9], 3));
        Assert.Contains("A", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gemm.Run(false, false, 3, 3, 3, 1f, new float[9], 2, new float[9], 3, 0f, new float[9], 3));
    }

    private static void Check(Width width, bool transA, bool transB, int m, int n, int k, float alpha, float beta, int extraLd, int seed)
    {
        // Stored shapes: A is (m, k) or (k, m); B is (k, n) or (n, k); rows padded by extraLd.
        int lda = Math.Max(1, transA ? m : k) + extraLd;
        int ldb = Math.Max(1, transB ? k : n) + extraLd;
        int ldc = Math.Max(1, n) + extraLd;
        int aRows = transA ? k : m;
        int bRows = transB ? n : k;
        var a = TestData.Array(seed, Math.Max(aRows * lda, 1));
        var b = TestData.Array(seed + 7919, Math.Max(bRows * ldb, 1));
        var c0 = TestData.Array(seed + 104729, m * ldc);

        // Gaps between rows and a tail past the end must come back untouched.
        var actual = new float[(m * ldc) + 16];
        Array.Fill(actual, Sentinel);
        for (int i = 0; i < m; i++)
        {
            c0.AsSpan(i * ldc, n).CopyTo(actual.AsSpan(i * ldc, n));
        }

        var expected = (float[])actual.Clone();
        GemmReference.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        Dispatch(width, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
        float tolerance = 2e-6f * (k + 2) * Math.Max(1f, Math.Abs(alpha));
        string what = $"{width} transA={transA} transB={transB} m={m} n={n} k={k} alpha={alpha} beta={beta} ld+{extraLd}";
        for (int i = 0; i < actual.Length; i++)
        {
            bool inside = i < m * ldc && i % ldc < n;
            if (!inside)
            {
                Assert.True(actual[i] == Sentinel, $"{what}: element {i} outside C was overwritten");
                continue;
            }

            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1f + Math.Abs(expected[i])), $"{what}: element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static void Dispatch(Width width, bool transA, bool transB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        switch (width)
        {
            case Width.Scalar:
                Gemm.Run<GemmKernelScalar>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            case Width.Vector128:
                Gemm.Run<GemmKernel128>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            case Width.Vector256:
                Gemm.Run<GemmKernel256>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            case Width.Vector512:
                Gemm.Run<GemmKernel512>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            default:
                Gemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
        }
    }
}
