using System.Numerics;
using FedShield.Privacy.Crypto;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Privacy.Tests.Crypto;

public class ShamirSecretSharingTests
{
    private const ulong P = ShamirSecretSharing.Prime;

    [Fact]
    public void Field_MultiplyAndInverse_MatchBigIntegerReference()
    {
        var random = new Random(11);
        ulong[] edge = [0, 1, 2, P - 1, P - 2, 1UL << 60, (1UL << 60) + 12345];
        var values = edge.Concat(Enumerable.Range(0, 200).Select(_ => (ulong)random.NextInt64(0, (long)P))).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values.Take(40))
            {
                Assert.Equal((ulong)(new BigInteger(a) * b % P), ShamirField.Multiply(a, b));
                Assert.Equal((ulong)((new BigInteger(a) + b) % P), ShamirField.Add(a, b));
                Assert.Equal((ulong)(((new BigInteger(a) - b) % P + P) % P), ShamirField.Subtract(a, b));
            }

            if (a != 0)
            {
                Assert.Equal(1UL, ShamirField.Multiply(a, ShamirField.Inverse(a)));
            }
        }

        Assert.Throws<ArgumentException>(() => ShamirField.Inverse(0));
    }

    [Fact]
    public void Split_HandComputedLine_GivesKnownSharesAndRebuilds()
    {
        // f(x) = 5 + 7x: shares 12 at x = 1, 19 at x = 2, 26 at x = 3.
        var shares = ShamirSecretSharing.Split([5], 2, [1, 2, 3], c => c.Fill(7));
        Assert.Equal([12UL], shares[0].Values.ToArray());
        Assert.Equal([19UL], shares[1].Values.ToArray());
        Assert.Equal([26UL], shares[2].Values.ToArray());
        Assert.Equal([5], ShamirSecretSharing.Combine([shares[2], shares[0]], 2, 1));
    }

    [Fact]
    public void Split_AnyThresholdSubset_RebuildsTheSecret()
    {
        var secret = RandomBytes(32, 3);
        var shares = ShamirSecretSharing.Split(secret, 3, 6);
        Assert.Equal(Enumerable.Range(1, 6), shares.Select(s => s.Point));
        Assert.All(shares, s => Assert.Equal(ShamirSecretSharing.ChunkCount(32), s.Values.Length));
        foreach (var subset in Subsets(6, 3))
        {
            Assert.Equal(secret, ShamirSecretSharing.Combine([.. subset.Select(i => shares[i])], 3, 32));
        }
    }

    [Fact]
    public void Split_AnyParameters_AnyThresholdSharesRebuild()
    {
        var cases =
            from threshold in Gen.Choose(1, 6)
            from extra in Gen.Choose(0, 4)
            from length in Gen.Choose(1, 40)
            from seed in Gen.Choose(0, 100_000)
            select (threshold, n: threshold + extra, length, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var secret = RandomBytes(c.length, c.seed);
            var points = Enumerable.Range(1, 3 * c.n).OrderBy(_ => random.Next()).Take(c.n).ToArray();
            var shares = ShamirSecretSharing.Split(secret, c.threshold, points);
            var chosen = shares.OrderBy(_ => random.Next()).Take(c.threshold).ToArray();
            return ShamirSecretSharing.Combine(chosen, c.threshold, c.length).AsSpan().SequenceEqual(secret);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Split_ThresholdMinusOneShares_AreExplainedByEveryCandidateSecret()
    {
        // For t = 3, the two shares held at points 2 and 4 fix nothing: for any candidate secret there
        // is exactly one choice of the random coefficients (a1, a2) that produces the same two shares.
        // Uniform coefficients therefore make the two shares equally likely under every secret.
        var secret = RandomBytes(32, 5);
        var shares = ShamirSecretSharing.Split(secret, 3, [1, 2, 3, 4, 5]);
        var seen = new[] { shares[1], shares[3] };
        for (var trial = 0; trial < 20; trial++)
        {
            var candidate = RandomBytes(32, 100 + trial);
            var coefficients = new Queue<ulong>();
            for (var c = 0; c < ShamirSecretSharing.ChunkCount(32); c++)
            {
                var s = Chunk(candidate, c);
                var d2 = Mod(new BigInteger(seen[0].Values[c]) - s);
                var d4 = Mod(new BigInteger(seen[1].Values[c]) - s);
                // a1·2 + a2·4 = d2, a1·4 + a2·16 = d4, determinant 16.
                var inv16 = BigInteger.ModPow(16, P - 2, P);
                coefficients.Enqueue((ulong)Mod(((d2 * 16) - (d4 * 4)) * inv16));
                coefficients.Enqueue((ulong)Mod(((d4 * 2) - (d2 * 4)) * inv16));
            }

            var forged = ShamirSecretSharing.Split(candidate, 3, [2, 4, 5], row =>
            {
                for (var j = 0; j < row.Length; j++)
                {
                    row[j] = coefficients.Dequeue();
                }
            });
            Assert.Equal(seen[0].Values.ToArray(), forged[0].Values.ToArray());
            Assert.Equal(seen[1].Values.ToArray(), forged[1].Values.ToArray());
            Assert.Equal(candidate, ShamirSecretSharing.Combine(forged, 3, 32));
        }
    }

    [Fact]
    public void Share_EncodingRoundTrips()
    {
        var share = ShamirSecretSharing.Split(RandomBytes(32, 1), 2, [7, 9])[0];
        var bytes = new byte[share.EncodedLength];
        share.WriteTo(bytes);
        Assert.Equal(45, bytes.Length);
        var back = ShamirShare.Read(bytes, 5);
        Assert.Equal(7, back.Point);
        Assert.Equal(share.Values.ToArray(), back.Values.ToArray());
    }

    [Fact]
    public void Share_MalformedEncodings_AreRejected()
    {
        var share = ShamirSecretSharing.Split(RandomBytes(32, 1), 2, [7, 9])[0];
        var good = new byte[share.EncodedLength];
        share.WriteTo(good);

        Assert.Throws<FormatException>(() => ShamirShare.Read(good.AsSpan(0, 44), 5));
        Assert.Throws<FormatException>(() => ShamirShare.Read([.. good, 0], 5));
        Assert.Throws<FormatException>(() => ShamirShare.Read(good, 4));

        var zeroPoint = (byte[])good.Clone();
        zeroPoint.AsSpan(0, 4).Clear();
        Assert.Contains("at least 1", Assert.Throws<FormatException>(() => ShamirShare.Read(zeroPoint, 5)).Message, StringComparison.Ordinal);

        var wrongCount = (byte[])good.Clone();
        wrongCount[4] = 4;
        Assert.Throws<FormatException>(() => ShamirShare.Read(wrongCount, 5));

        var notAFieldElement = (byte[])good.Clone();
        notAFieldElement.AsSpan(5, 8).Fill(0xFF);
        Assert.Contains("field prime", Assert.Throws<FormatException>(() => ShamirShare.Read(notAFieldElement, 5)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_BadShareSets_AreRejected()
    {
        var secret = RandomBytes(32, 2);
        var shares = ShamirSecretSharing.Split(secret, 3, 5);
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([shares[0], shares[1]], 3, 32));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([shares[0], shares[1], shares[1]], 3, 32));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([shares[0], shares[1], shares[2]], 3, 40));
    }

    [Fact]
    public void Combine_CorruptedShare_IsDetectedAsInconsistent()
    {
        // Fixed coefficients make the case deterministic; a changed value moves every chunk's result
        // by λ·δ, which lands outside the 56-bit chunk range (detected) unless λ·δ happens to be tiny.
        var secret = RandomBytes(32, 4);
        var next = 1UL;
        var shares = ShamirSecretSharing.Split(secret, 3, [1, 2, 3], row =>
        {
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = next = (next * 6364136223846793005UL + 1442695040888963407UL) & (P >> 1);
            }
        });
        var values = shares[1].Values.ToArray();
        values[2] = ShamirField.Add(values[2], 1UL << 60);
        var corrupted = new ShamirShare(2, values);
        var ex = Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([shares[0], corrupted, shares[2]], 3, 32));
        Assert.Contains("corrupted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_InvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([], 1, 2));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([1], 0, 2));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([1], 3, 2));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([1], 2, [1, 1]));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([1], 2, [0, 1]));
        Assert.Throws<ArgumentException>(() => new ShamirShare(1, [P]));
    }

    [Fact]
    public void Clear_ZeroesTheValues()
    {
        var share = ShamirSecretSharing.Split(RandomBytes(32, 9), 2, 2)[0];
        Assert.Contains(share.Values.ToArray(), v => v != 0);
        share.Clear();
        Assert.All(share.Values.ToArray(), v => Assert.Equal(0UL, v));
    }

    private static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;

    private static BigInteger Chunk(byte[] secret, int c)
    {
        var bytes = new byte[9];
        var start = c * ShamirSecretSharing.ChunkBytes;
        secret.AsSpan(start, Math.Min(7, secret.Length - start)).CopyTo(bytes);
        return new BigInteger(bytes);
    }

    private static byte[] RandomBytes(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (BitOperations.PopCount((uint)mask) == k)
            {
                yield return [.. Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0)];
            }
        }
    }
}
