using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class SmallCopyTests
{
    private const float Sentinel = -321f;

    [Fact]
    public void Copy_AllLengthsTo256_CopiesExactlyAndLeavesSentinel()
    {
        var src = TestData.Array(1, 260);
        for (int n = 0; n <= 256; n++)
        {
            var dst = new float[n + 1];
            dst[n] = Sentinel;
            SmallCopy.Copy(ref src[0], ref dst[0], n);
            Assert.Equal(src.AsSpan(0, n).ToArray(), dst[..n]);
            Assert.Equal(Sentinel, dst[n]);
        }
    }

    [Fact]
    public void CopyShort_AllLengthsTo256_CopiesExactlyAndLeavesSentinel()
    {
        var src = TestData.Array(2, 260);
        for (int n = 0; n <= 256; n++)
        {
            var dst = new float[n + 1];
            dst[n] = Sentinel;
            SmallCopy.CopyShort(ref src[0], ref dst[0], n);
            Assert.Equal(src.AsSpan(0, n).ToArray(), dst[..n]);
            Assert.Equal(Sentinel, dst[n]);
        }
    }

    [Fact]
    public void Add_AllLengthsTo256_AddsExactlyAndLeavesSentinel()
    {
        var src = TestData.Array(3, 260);
        var start = TestData.Array(4, 260);
        for (int n = 0; n <= 256; n++)
        {
            var dst = new float[n + 1];
            start.AsSpan(0, n).CopyTo(dst);
            dst[n] = Sentinel;
            SmallCopy.Add(ref src[0], ref dst[0], n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(start[i] + src[i], dst[i]);
            }

            Assert.Equal(Sentinel, dst[n]);
        }
    }

    [Fact]
    public void Add_InPlace_DoublesEveryLength()
    {
        for (int n = 0; n <= 256; n++)
        {
            var a = TestData.Array(n, n + 1);
            var expected = a.Select((v, i) => i < n ? v + v : v).ToArray();
            SmallCopy.Add(ref a[0], ref a[0], n);
            Assert.Equal(expected, a);
        }
    }
}
