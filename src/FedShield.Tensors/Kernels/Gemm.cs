using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major storage: C = alpha·op(A)·op(B) + beta·C, where
/// op(A) is (m, k) and op(B) is (k, n). A transposed operand is read in place through its leading
/// dimension, never copied by the caller. Single-threaded and deterministic: the result depends only
/// on the shapes, the operands and the vector width of the machine.
/// </summary>
/// <remarks>
/// The structure is the classic packed GEMM: op(A) is packed into panels of MR rows, op(B) into
/// panels of NR columns (or read in place when it is row-major), and a register-tiled micro-kernel
/// (<see cref="IGemmMicroKernel"/>) computes each MR × NR tile of C over a block of k. Packing
/// buffers are per thread and reused, so steady-state calls allocate nothing.
/// </remarks>
internal static class Gemm
{
    // Depth of one k block: a B panel of KC × NR floats (32 KiB at NR = 32) stays in L1 while
    // the A panels stream past it.
    private const int KC = 256;

    // Rows of A per block (in MR panels), so the packed A block stays in L2.
    private const int MCPanels = 24;

    // Columns of B per block; a multiple of every NR.
    private const int NC = 2048;

    // A row-major B up to this many elements is read in place instead of packed: it sits in
    // cache anyway, and packing would only copy it.
    private const long DirectBLimit = 1 << 18;

    // Beyond this many packed floats, A is packed and multiplied in row chunks.
    private const int PackALimit = 1 << 20;

    [ThreadStatic]
    private static float[]? t_packA;

    [ThreadStatic]
    private static float[]? t_packB;

    private enum Isa
    {
        Scalar,
        Vector128,
        Vector256,
        Vector512,
    }

    private static readonly Isa s_isa =
        Vector512.IsHardwareAccelerated ? Isa.Vector512 :
        Vector256.IsHardwareAccelerated ? Isa.Vector256 :
        Vector128.IsHardwareAccelerated ? Isa.Vector128 : Isa.Scalar;

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
        switch (s_isa)
        {
            case Isa.Vector512:
                Run<GemmKernel512>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            case Isa.Vector256:
                Run<GemmKernel256>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            case Isa.Vector128:
                Run<GemmKernel128>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
            default:
                Run<GemmKernelScalar>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
                break;
        }
    }

    /// <summary>
    /// The column width of the micro-kernel's panels (NR): a row-major B whose width is a multiple of
    /// it is read in place, never copied.
    /// </summary>
    public static int PanelWidth => s_isa switch
    {
        Isa.Vector512 => GemmKernel512.NR,
        Isa.Vector256 => GemmKernel256.NR,
        Isa.Vector128 => GemmKernel128.NR,
        _ => GemmKernelScalar.NR,
    };

    /// <summary>The number of floats <see cref="PackA"/> writes for an (m, k) op(A).</summary>
    public static int PackedALength(int m, int k) => s_isa switch
    {
        Isa.Vector512 => PackedALength<GemmKernel512>(m, k),
        Isa.Vector256 => PackedALength<GemmKernel256>(m, k),
        Isa.Vector128 => PackedALength<GemmKernel128>(m, k),
        _ => PackedALength<GemmKernelScalar>(m, k),
    };

    /// <summary>
    /// Packs op(A) (m, k) once, for several <see cref="RunPackedA"/> calls that share it (the
    /// weight of a convolution applied to every image of a batch).
    /// </summary>
    public static void PackA(bool transA, int m, int k, ReadOnlySpan<float> a, int lda, Span<float> packed)
    {
        Validate(transA, false, m, 0, k, a.Length, lda, 0, 1, 0, 1);
        switch (s_isa)
        {
            case Isa.Vector512:
                PackA<GemmKernel512>(transA, m, k, a, lda, packed);
                break;
            case Isa.Vector256:
                PackA<GemmKernel256>(transA, m, k, a, lda, packed);
                break;
            case Isa.Vector128:
                PackA<GemmKernel128>(transA, m, k, a, lda, packed);
                break;
            default:
                PackA<GemmKernelScalar>(transA, m, k, a, lda, packed);
                break;
        }
    }

    /// <summary>C = alpha·A·op(B) + beta·C with A already packed by <see cref="PackA"/>.</summary>
    public static void RunPackedA(
        ReadOnlySpan<float> packedA, int m, int n, int k, float alpha,
        bool transB, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(false, transB, m, n, k, 0, Math.Max(k, 1), b.Length, ldb, c.Length, ldc, checkA: false);
        switch (s_isa)
        {
            case Isa.Vector512:
                RunPackedA<GemmKernel512>(packedA, m, n, k, alpha, transB, b, ldb, beta, c, ldc);
                break;
            case Isa.Vector256:
                RunPackedA<GemmKernel256>(packedA, m, n, k, alpha, transB, b, ldb, beta, c, ldc);
                break;
            case Isa.Vector128:
                RunPackedA<GemmKernel128>(packedA, m, n, k, alpha, transB, b, ldb, beta, c, ldc);
                break;
            default:
                RunPackedA<GemmKernelScalar>(packedA, m, n, k, alpha, transB, b, ldb, beta, c, ldc);
                break;
        }
    }

    /// <summary>The GEMM with an explicit micro-kernel (every width is testable on any machine).</summary>
    internal static void Run<TKernel>(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        where TKernel : struct, IGemmMicroKernel
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }

        // A is packed whole (all of k) when it fits, else in row chunks of whole MR panels.
        int rowsPerChunk = Math.Max(TKernel.MR, PackALimit / Math.Max(k, 1) / TKernel.MR * TKernel.MR);
        for (int i0 = 0; i0 < m; i0 += rowsPerChunk)
        {
            int rows = Math.Min(rowsPerChunk, m - i0);
            var packed = Buffer(ref t_packA, PackedALength<TKernel>(rows, k));
            var aChunk = transA ? a[i0..] : a[(i0 * lda)..];
            PackA<TKernel>(transA, rows, k, aChunk, lda, packed);
            Multiply<TKernel>(packed, rows, n, k, alpha, transB, b, ldb, beta, c[(i0 * ldc)..], ldc);
        }
    }

    internal static int PackedALength<TKernel>(int m, int k)
        where TKernel : struct, IGemmMicroKernel => RoundUp(m, TKernel.MR) * k;

    /// <summary>
    /// Packs op(A) into panels of MR rows over all of k: element (i, p) goes to
    /// <c>(i / MR)·k·MR + p·MR + i % MR</c>; rows past m are zero.
    /// </summary>
    internal static void PackA<TKernel>(bool transA, int m, int k, ReadOnlySpan<float> a, int lda, Span<float> packed)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.MR;
        if (packed.Length < RoundUp(m, mr) * k)
        {
            throw new ArgumentException($"Gemm.PackA: buffer of {packed.Length} is too small for ({m}, {k}).");
        }

        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float dr = ref MemoryMarshal.GetReference(packed);
        for (int i0 = 0; i0 < m; i0 += mr)
        {
            int rows = Math.Min(mr, m - i0);
            ref float panel = ref Unsafe.Add(ref dr, i0 * k);
            if (transA)
            {
                // Column p of op(A) is row p of the stored matrix: MR contiguous floats.
                for (int p = 0; p < k; p++)
                {
                    ref float src = ref Unsafe.Add(ref ar, (p * lda) + i0);
                    ref float dst = ref Unsafe.Add(ref panel, p * mr);
                    int r = 0;
                    for (; r < rows; r++)
                    {
                        Unsafe.Add(ref dst, r) = Unsafe.Add(ref src, r);
                    }

                    for (; r < mr; r++)
                    {
                        Unsafe.Add(ref dst, r) = 0f;
                    }
                }
            }
            else
            {
                for (int r = 0; r < rows; r++)
                {
                    ref float src = ref Unsafe.Add(ref ar, (i0 + r) * lda);
                    for (int p = 0; p < k; p++)
                    {
                        Unsafe.Add(ref panel, (p * mr) + r) = Unsafe.Add(ref src, p);
                    }
                }

                for (int r = rows; r < mr; r++)
                {
                    for (int p = 0; p < k; p++)
                    {
                        Unsafe.Add(ref panel, (p * mr) + r) = 0f;
                    }
                }
            }
        }
    }

    internal static void RunPackedA<TKernel>(
        ReadOnlySpan<float> packedA, int m, int n, int k, float alpha,
        bool transB, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        where TKernel : struct, IGemmMicroKernel
    {
        Validate(false, transB, m, n, k, 0, Math.Max(k, 1), b.Length, ldb, c.Length, ldc, checkA: false);
        if (packedA.Length < PackedALength<TKernel>(m, k))
        {
            throw new ArgumentException($"Gemm.RunPackedA: packed A holds {packedA.Length} floats; ({m}, {k}) needs {PackedALength<TKernel>(m, k)}.");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }

        Multiply<TKernel>(packedA, m, n, k, alpha, transB, b, ldb, beta, c, ldc);
    }

    // C (m, n) = alpha·A·op(B) + beta·C for packed A; m, n, k > 0.
    private static void Multiply<TKernel>(
        ReadOnlySpan<float> packedA, int m, int n, int k, float alpha,
        bool transB, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.MR;
        int nr = TKernel.NR;
        int mc = mr * MCPanels;
        bool packB = transB || ((long)k * n > DirectBLimit);
        int kBlocks = (k + KC - 1) / KC;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        var bBuffer = Buffer(ref t_packB, kcMax * (packB ? RoundUp(Math.Min(n, NC), nr) : nr));
        Span<float> tile = stackalloc float[TKernel.MR * TKernel.NR];
        ref float aRef = ref MemoryMarshal.GetReference(packedA);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float bufRef = ref MemoryMarshal.GetReference(bBuffer);
        ref float tileRef = ref MemoryMarshal.GetReference(tile);
        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            int fullCols = nc / nr * nr;
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                if (packB)
                {
                    PackB(transB, b, ldb, pc, kc, jc, nc, nr, bBuffer);
                }
                else if (fullCols < nc)
                {
                    // Only the ragged last panel is copied (zero-padded), so no read runs past B.
                    PackB(false, b, ldb, pc, kc, jc + fullCols, nc - fullCols, nr, bBuffer);
                }

                // Later k blocks accumulate onto what the first one wrote.
                float blockBeta = pc == 0 ? beta : 1f;
                for (int ic = 0; ic < m; ic += mc)
                {
                    int mcc = Math.Min(mc, m - ic);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        ref float bp = ref bufRef;
                        nint bStep = nr;
                        if (packB)
                        {
                            bp = ref Unsafe.Add(ref bufRef, jr * kc);
                        }
                        else if (cols == nr)
                        {
                            bp = ref Unsafe.Add(ref bRef, (pc * ldb) + jc + jr);
                            bStep = ldb;
                        }

                        for (int ir = ic; ir < ic + mcc; ir += mr)
                        {
                            int rows = Math.Min(mr, m - ir);
                            ref float ap = ref Unsafe.Add(ref aRef, (ir * k) + (pc * mr));
                            ref float cp = ref Unsafe.Add(ref cRef, (ir * ldc) + jc + jr);
                            if (rows == mr && cols == nr)
                            {
                                TKernel.Run(ref ap, ref bp, bStep, kc, ref cp, ldc, alpha, blockBeta);
                            }
                            else
                            {
                                TKernel.Run(ref ap, ref bp, bStep, kc, ref tileRef, nr, 1f, 0f);
                                StoreTile(ref tileRef, nr, rows, cols, alpha, blockBeta, ref cp, ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    // Packs rows [pc, pc + kc) and columns [j0, j0 + nc) of op(B) into panels of nr columns
    // (panel j at j·kc, row p of a panel at p·nr), zero-padding the last panel.
    private static void PackB(bool transB, ReadOnlySpan<float> b, int ldb, int pc, int kc, int j0, int nc, int nr, Span<float> packed)
    {
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float dr = ref MemoryMarshal.GetReference(packed);
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            ref float panel = ref Unsafe.Add(ref dr, jr * kc);
            if (!transB)
            {
                for (int p = 0; p < kc; p++)
                {
                    var src = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref br, ((pc + p) * ldb) + j0 + jr), cols);
                    var dst = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, p * nr), nr);
                    src.CopyTo(dst);
                    dst[cols..].Clear();
                }

                continue;
            }

            // Column j of op(B) is row j of the stored matrix: read it along, write it down the panel.
            for (int jj = 0; jj < cols; jj++)
            {
                ref float src = ref Unsafe.Add(ref br, ((j0 + jr + jj) * ldb) + pc);
                ref float dst = ref Unsafe.Add(ref panel, jj);
                for (int p = 0; p < kc; p++)
                {
                    Unsafe.Add(ref dst, p * nr) = Unsafe.Add(ref src, p);
                }
            }

            if (cols < nr)
            {
                for (int p = 0; p < kc; p++)
                {
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, (p * nr) + cols), nr - cols).Clear();
                }
            }
        }
    }

    private static void StoreTile(ref float tile, int nr, int rows, int cols, float alpha, float beta, ref float c, int ldc)
    {
        for (int r = 0; r < rows; r++)
        {
            ref float src = ref Unsafe.Add(ref tile, r * nr);
            ref float dst = ref Unsafe.Add(ref c, r * ldc);
            for (int j = 0; j < cols; j++)
            {
                float v = alpha * Unsafe.Add(ref src, j);
                Unsafe.Add(ref dst, j) = beta == 0f ? v : v + (beta * Unsafe.Add(ref dst, j));
            }
        }
    }

    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                BinaryKernel.Run<MulOp>(row, beta, row);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static Span<float> Buffer(ref float[]? cache, int length)
    {
        if (cache is null || cache.Length < length)
        {
            cache = new float[Math.Max(length, 4096)];
        }

        return cache.AsSpan(0, length);
    }

    internal static void Validate(
        bool transA, bool transB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc, bool checkA = true)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"Gemm: negative size m={m}, n={n}, k={k}.");
        }

        if (checkA)
        {
            CheckOperand("A", transA ? k : m, transA ? m : k, aLength, lda);
        }

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
