using FedShield.Privacy.Crypto;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class RingVectorTests
{
    [Theory]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(8, false)]
    [InlineData(8, true)]
    public void AddMask_AllLengths_MatchesWordByWordReference(int wordBytes, bool subtract)
    {
        var seed = Prg.NewSeed();
        var random = new Random(wordBytes);
        foreach (var length in Enumerable.Range(0, 257).Concat([1000, 4096, 8192, 9001]))
        {
            var start = new ulong[length + 1];
            for (var i = 0; i < start.Length; i++)
            {
                start[i] = (ulong)random.NextInt64();
            }

            var expected = (ulong[])start.Clone();
            using (var reference = new Prg(seed))
            {
                var word = new byte[wordBytes];
                for (var i = 0; i < length; i++)
                {
                    reference.NextBytes(word);
                    var w = wordBytes == 4 ? BitConverter.ToUInt32(word) : BitConverter.ToUInt64(word);
                    expected[i] = subtract ? expected[i] - w : expected[i] + w;
                }
            }

            var actual = (ulong[])start.Clone();
            using (var prg = new Prg(seed))
            {
                // A small scratch forces several chunks; the sentinel past the end must stay untouched.
                RingVector.AddMask(actual.AsSpan(0, length), prg, wordBytes, subtract, new ulong[64]);
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void AddAndSubtract_AllLengths_MatchScalarArithmetic()
    {
        var random = new Random(3);
        for (var length = 0; length <= 256; length++)
        {
            var a = Enumerable.Range(0, length + 1).Select(_ => (ulong)random.NextInt64()).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64()).ToArray();
            var c = Enumerable.Range(0, length).Select(_ => (uint)random.Next()).ToArray();
            var sentinel = a[length];

            var sum = (ulong[])a.Clone();
            RingVector.Add(sum.AsSpan(0, length), b);
            var diff = (ulong[])a.Clone();
            RingVector.Subtract(diff.AsSpan(0, length), b);
            var wideSum = (ulong[])a.Clone();
            RingVector.AddWidened(wideSum.AsSpan(0, length), c);
            var wideDiff = (ulong[])a.Clone();
            RingVector.SubtractWidened(wideDiff.AsSpan(0, length), c);
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(unchecked(a[i] + b[i]), sum[i]);
                Assert.Equal(unchecked(a[i] - b[i]), diff[i]);
                Assert.Equal(unchecked(a[i] + c[i]), wideSum[i]);
                Assert.Equal(unchecked(a[i] - c[i]), wideDiff[i]);
            }

            Assert.All(new[] { sum, diff, wideSum, wideDiff }, x => Assert.Equal(sentinel, x[length]));
        }
    }

    [Fact]
    public void PackThenUnpackAdd_EveryWidth_RoundTripsReducedValues()
    {
        var random = new Random(5);
        for (var bits = 8; bits <= 64; bits++)
        {
            var elementBytes = (bits + 7) / 8;
            var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            foreach (var length in new[] { 0, 1, 2, 3, 7, 8, 9, 33 })
            {
                var values = Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64() * 3).ToArray();
                var packed = new byte[length * elementBytes];
                RingVector.Pack(values, elementBytes, mask, packed);
                Assert.True(RingVector.IsCanonical(packed, elementBytes, bits));

                var acc = Enumerable.Range(0, length).Select(i => (ulong)i).ToArray();
                RingVector.UnpackAdd(packed, elementBytes, acc);
                for (var i = 0; i < length; i++)
                {
                    Assert.Equal(unchecked((values[i] & mask) + (ulong)i), acc[i]);
                }
            }
        }
    }

    [Fact]
    public void IsCanonical_BitsAboveTheWidth_AreDetected()
    {
        var packed = new byte[3 * 2];
        Assert.True(RingVector.IsCanonical(packed, 2, 12));
        packed[5] = 0x10; // bit 12 of the third element
        Assert.False(RingVector.IsCanonical(packed, 2, 12));
        Assert.True(RingVector.IsCanonical(packed, 2, 16));
    }
}
