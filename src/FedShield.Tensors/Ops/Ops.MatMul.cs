using FedShield.Tensors.Kernels;

namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Matrix product (…, M, K) · (…, K, N) → (…, M, N). Both operands need at least two axes; the
    /// leading (batch) axes broadcast as in NumPy. Transposed views (<see cref="Tensor.T"/>) are read
    /// in place, not copied. Throws <see cref="ArgumentException"/> naming both shapes when the inner
    /// extents differ or the batch axes do not broadcast.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank < 2 || b.Rank < 2)
        {
            throw new ArgumentException($"MatMul: shapes {ShapeUtil.Format(a.ShapeArray)} and {ShapeUtil.Format(b.ShapeArray)}: both operands need at least two axes.");
        }

        int m = a.ShapeArray[^2];
        int k = a.ShapeArray[^1];
        int n = b.ShapeArray[^1];
        if (b.ShapeArray[^2] != k)
        {
            throw new ArgumentException($"MatMul: shapes {ShapeUtil.Format(a.ShapeArray)} and {ShapeUtil.Format(b.ShapeArray)} do not match: inner extents {k} and {b.ShapeArray[^2]} differ.");
        }

        var batch = MatMulBatchShape(a, b);
        var shape = new int[batch.Length + 2];
        batch.CopyTo(shape, 0);
        shape[^2] = m;
        shape[^1] = n;
        var y = Tensor.Empty(shape);
        BatchedGemm(a, b, batch, m, n, k, y.Span);
        return Tensor.ShouldRecord(a, b) ? y.Record(new MatMulNode(a, b)) : y;
    }

    /// <summary>
    /// Affine map x (…, In) · weight (Out, In)ᵀ + bias (Out) → (…, Out), as torch.nn.functional.linear,
    /// computed as one GEMM that reads the weight in place and adds the bias in the same pass.
    /// Throws <see cref="ArgumentException"/> naming the shapes when In or Out disagree.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
        {
            throw new ArgumentException($"Linear: weight shape {ShapeUtil.Format(weight.ShapeArray)} is not (Out, In) (input shape {ShapeUtil.Format(x.ShapeArray)}).");
        }

        int outFeatures = weight.ShapeArray[0];
        int inFeatures = weight.ShapeArray[1];
        if (x.Rank < 1 || x.ShapeArray[^1] != inFeatures)
        {
            throw new ArgumentException($"Linear: input shape {ShapeUtil.Format(x.ShapeArray)} and weight shape {ShapeUtil.Format(weight.ShapeArray)} do not match: the input's last axis must be In = {inFeatures}.");
        }

        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != outFeatures))
        {
            throw new ArgumentException($"Linear: bias shape {ShapeUtil.Format(bias.ShapeArray)} does not match weight shape {ShapeUtil.Format(weight.ShapeArray)}: expected ({outFeatures},).");
        }

        var shape = CloneShape(x);
        shape[^1] = outFeatures;
        var y = Tensor.Empty(shape);
        int rows = LeadingCount(x);
        var xc = x.IsContiguous ? x : x.Detach().Contiguous();
        var ys = y.Span;
        float beta = 0f;
        if (bias is not null && rows > 0)
        {
            // x: (R, In) · w: (Out, In)ᵀ -> (R, Out); the GEMM accumulates onto rows preset to the bias.
            var bs = bias.Contiguous().ReadOnlySpan;
            for (int r = 0; r < rows; r++)
            {
                bs.CopyTo(ys.Slice(r * outFeatures, outFeatures));
            }

            beta = 1f;
        }

        var (wData, wOffset, wTransposed, ldw) = MatrixOperand(weight);

        // op(B) = wᵀ: a row-major weight is read transposed, a column-major view (w.T().T()) directly.
        Gemm.Run(false, !wTransposed, rows, outFeatures, inFeatures, 1f, xc.Data.AsSpan(xc.Offset, xc.Count), Math.Max(inFeatures, 1), wData.AsSpan(wOffset), ldw, beta, ys, Math.Max(outFeatures, 1));
        bool record = Tensor.ShouldRecord(x, weight) || (bias is not null && Tensor.ShouldRecord(bias));
        return record ? y.Record(new LinearNode(x, weight, bias)) : y;
    }

    /// <summary>The product of all extents but the last (the rows a linear map sees).</summary>
    internal static int LeadingCount(Tensor x)
    {
        int rows = 1;
        for (int i = 0; i < x.Rank - 1; i++)
        {
            rows *= x.ShapeArray[i];
        }

        return rows;
    }

    /// <summary>
    /// The storage of the matrix formed by the last two axes of <paramref name="t"/>, as a GEMM reads
    /// it: row-major (<c>Transposed</c> false) or column-major (true) with leading dimension <c>Ld</c>.
    /// A layout that is neither (a broadcast or permuted view) is copied first.
    /// </summary>
    internal static (float[] Data, int Offset, bool Transposed, int Ld) MatrixOperand(Tensor t)
    {
        if (TryMatrixLayout(t, out bool transposed, out int ld))
        {
            return (t.Data, t.Offset, transposed, ld);
        }

        var c = t.Detach().Contiguous();
        return (c.Data, c.Offset, false, Math.Max(1, c.ShapeArray[^1]));
    }

    private static bool TryMatrixLayout(Tensor t, out bool transposed, out int ld)
    {
        int rank = t.Rank;
        int rows = t.ShapeArray[rank - 2];
        int cols = t.ShapeArray[rank - 1];
        int rowStride = t.StridesArray[rank - 2];
        int colStride = t.StridesArray[rank - 1];
        if ((cols <= 1 || colStride == 1) && (rows <= 1 || rowStride >= Math.Max(cols, 1)))
        {
            transposed = false;
            ld = rows <= 1 ? Math.Max(cols, 1) : rowStride;
            return true;
        }

        if ((rows <= 1 || rowStride == 1) && (cols <= 1 || colStride >= Math.Max(rows, 1)))
        {
            transposed = true;
            ld = cols <= 1 ? Math.Max(rows, 1) : colStride;
            return true;
        }

        transposed = false;
        ld = 0;
        return false;
    }

    private static int[] MatMulBatchShape(Tensor a, Tensor b)
    {
        int ra = a.Rank - 2;
        int rb = b.Rank - 2;
        int rank = Math.Max(ra, rb);
        var batch = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - ra ? 1 : a.ShapeArray[i - (rank - ra)];
            int db = i < rank - rb ? 1 : b.ShapeArray[i - (rank - rb)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"MatMul: shapes {ShapeUtil.Format(a.ShapeArray)} and {ShapeUtil.Format(b.ShapeArray)} do not match: batch axes cannot be broadcast ({da} vs {db}).");
            }

            batch[i] = da == 1 ? db : da;
        }

        return batch;
    }

    // y: (batch…, M, N) contiguous, written in full.
    private static void BatchedGemm(Tensor a, Tensor b, int[] batch, int m, int n, int k, Span<float> y)
    {
        if (y.IsEmpty)
        {
            return;
        }

        var (bData, bOffset, bTransposed, ldb) = MatrixOperand(b);
        if (b.Rank == 2 && a.IsContiguous)
        {
            // (…, M, K) · (K, N): the batch folds into the rows of one GEMM.
            Gemm.Run(false, bTransposed, y.Length / Math.Max(n, 1), n, k, 1f, a.Data.AsSpan(a.Offset, a.Count), Math.Max(k, 1), bData.AsSpan(bOffset), ldb, 0f, y, n);
            return;
        }

        var (aData, aOffset, aTransposed, lda) = MatrixOperand(a);

        // A copied operand is contiguous; its batch strides follow from its own shape.
        var aStrides = aData == a.Data && aOffset == a.Offset ? a.StridesArray : ShapeUtil.ContiguousStrides(a.ShapeArray);
        var bStrides = bData == b.Data && bOffset == b.Offset ? b.StridesArray : ShapeUtil.ContiguousStrides(b.ShapeArray);
        int rank = batch.Length;
        var sa = ShapeUtil.BroadcastStrides(a.ShapeArray.AsSpan(0, a.Rank - 2), aStrides.AsSpan(0, a.Rank - 2), batch);
        var sb = ShapeUtil.BroadcastStrides(b.ShapeArray.AsSpan(0, b.Rank - 2), bStrides.AsSpan(0, b.Rank - 2), batch);
        Span<int> index = stackalloc int[Math.Max(rank, 1)];
        int count = ShapeUtil.Count(batch);
        int oa = aOffset;
        int ob = bOffset;
        for (int t = 0; t < count; t++)
        {
            Gemm.Run(aTransposed, bTransposed, m, n, k, 1f, aData.AsSpan(oa), lda, bData.AsSpan(ob), ldb, 0f, y.Slice(t * m * n, m * n), n);
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                index[axis]++;
                oa += sa[axis];
                ob += sb[axis];
                if (index[axis] < batch[axis])
                {
                    break;
                }

                oa -= sa[axis] * batch[axis];
                ob -= sb[axis] * batch[axis];
                index[axis] = 0;
            }
        }
    }
}
