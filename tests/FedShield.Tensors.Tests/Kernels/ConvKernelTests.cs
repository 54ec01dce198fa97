using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class ConvKernelTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes => new()
    {
        // n, c, h, w, o, kh, kw, stride, padding
        { 3, 1, 28, 28, 10, 5, 5, 1, 0 },
        { 3, 10, 12, 12, 20, 5, 5, 1, 0 },
        { 2, 3, 7, 9, 4, 3, 3, 1, 1 },
        { 2, 2, 8, 7, 3, 3, 2, 2, 0 },
        { 1, 2, 9, 9, 2, 3, 3, 2, 1 },
        { 2, 3, 6, 5, 2, 4, 3, 2, 2 },
        { 1, 2, 5, 5, 3, 1, 1, 1, 0 },
        { 1, 1, 4, 4, 1, 4, 4, 1, 0 },
        { 2, 2, 5, 13, 3, 2, 9, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BackwardInput_MatchesDirectLoops(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding)
    {
        var g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
        var gy = TestData.Array(1, n * o * g.OH * g.OW);
        var wt = TestData.Array(2, o * c * kh * kw);
        var expected = new float[n * g.InputSize];
        ConvReference.Conv2dBackwardInput(gy, wt, n, o, g, expected);
        var actual = new float[expected.Length + 4];
        Array.Fill(actual, 99f);
        ConvKernels.BackwardInput(gy, wt, n, o, g, actual);
        TestData.AssertClose(expected, actual.AsSpan(0, expected.Length), 1e-5f, "gx");
        Assert.Equal([99f, 99f, 99f, 99f], actual[expected.Length..]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BackwardWeight_MatchesDirectLoops(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding)
    {
        var g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
        var gy = TestData.Array(3, n * o * g.OH * g.OW);
        var x = TestData.Array(4, n * g.InputSize);
        var expected = new float[o * g.ColRows];
        ConvReference.Conv2dBackwardWeight(gy, x, n, o, g, expected);
        var actual = new float[expected.Length + 4];
        Array.Fill(actual, 99f);
        ConvKernels.BackwardWeight(gy, x, n, o, g, actual);
        TestData.AssertClose(expected, actual.AsSpan(0, expected.Length), 1e-5f, "gw");
        Assert.Equal([99f, 99f, 99f, 99f], actual[expected.Length..]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void UnfoldRows_IsTheTransposeOfUnfold(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding)
    {
        _ = n;
        _ = o;
        var g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
        var x = TestData.Array(5, g.InputSize);
        var col = new float[g.ColRows * g.ColCols];
        Im2Col.Unfold(x, g, col);
        int ld = g.ColRows + 3;
        var rows = new float[(g.ColCols * ld) + 1];
        Array.Fill(rows, 99f);
        Im2Col.UnfoldRows(x, g, rows, ld);
        for (int q = 0; q < g.ColCols; q++)
        {
            for (int j = 0; j < ld; j++)
            {
                float expected = j < g.ColRows ? col[(j * g.ColCols) + q] : 0f;
                Assert.Equal(expected, rows[(q * ld) + j]);
            }
        }

        Assert.Equal(99f, rows[^1]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FoldAdd_IsTheAdjointOfUnfold(int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding)
    {
        _ = n;
        _ = o;

        // <Unfold(x), v> = <x, FoldAdd(v)> for any x and v.
        var g = new ConvGeometry(c, h, w, kh, kw, stride, padding);
        var x = TestData.Array(6, g.InputSize);
        var v = TestData.Array(7, g.ColRows * g.ColCols);
        var col = new float[v.Length];
        Im2Col.Unfold(x, g, col);
        var folded = new float[g.InputSize];
        Im2Col.FoldAdd(v, g, folded);
        double left = 0;
        double right = 0;
        for (int i = 0; i < v.Length; i++)
        {
            left += (double)col[i] * v[i];
        }

        for (int i = 0; i < x.Length; i++)
        {
            right += (double)x[i] * folded[i];
        }

        Assert.Equal(left, right, 3);
    }
}
