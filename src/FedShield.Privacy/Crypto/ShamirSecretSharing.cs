using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedShield.Privacy.Crypto;

/// <summary>
/// Shamir's t-of-n secret sharing over the prime field of p = 2^61 − 1. The secret is cut into
/// chunks of <see cref="ChunkBytes"/> bytes (a 32-byte secret gives 5 chunks), each chunk the
/// constant term of its own random polynomial of degree t − 1; a share is every polynomial's value
/// at the holder's evaluation point. Any t shares give the secret back by Lagrange interpolation at
/// zero; any t − 1 shares are uniformly distributed whatever the secret, so they reveal nothing.
/// Coefficients come from the operating system's random generator.
/// </summary>
public static class ShamirSecretSharing
{
    /// <summary>The field's prime, 2^61 − 1.</summary>
    public const ulong Prime = ShamirField.Prime;

    /// <summary>Secret bytes per field element (7 bytes = 56 bits, below the 61-bit prime).</summary>
    public const int ChunkBytes = 7;

    /// <summary>The longest secret that can be shared (255 chunks).</summary>
    public const int MaxSecretBytes = byte.MaxValue * ChunkBytes;

    /// <summary>The number of field elements a secret of <paramref name="secretLength"/> bytes takes.</summary>
    public static int ChunkCount(int secretLength) => (secretLength + ChunkBytes - 1) / ChunkBytes;

    /// <summary>Splits <paramref name="secret"/> into shares at the points 1, 2, …, <paramref name="shareCount"/>.</summary>
    /// <inheritdoc cref="Split(ReadOnlySpan{byte}, int, ReadOnlySpan{int})"/>
    public static ShamirShare[] Split(ReadOnlySpan<byte> secret, int threshold, int shareCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shareCount, 1);
        var points = new int[shareCount];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = i + 1;
        }

        return Split(secret, threshold, points);
    }

    /// <summary>Splits <paramref name="secret"/> so that any <paramref name="threshold"/> of the shares rebuild it.</summary>
    /// <param name="secret">1 to <see cref="MaxSecretBytes"/> bytes.</param>
    /// <param name="threshold">Shares needed to rebuild, from 1 to the number of points.</param>
    /// <param name="points">The holders' evaluation points: distinct and at least 1.</param>
    /// <returns>One share per point, in the order of <paramref name="points"/>; the caller clears them after use.</returns>
    /// <exception cref="ArgumentException">The secret is empty or too long, the threshold is out of range, or a point is below 1 or repeated.</exception>
    public static ShamirShare[] Split(ReadOnlySpan<byte> secret, int threshold, ReadOnlySpan<int> points) =>
        Split(secret, threshold, points, static c => FillUniform(c));

    /// <summary>As the public overload, with the random coefficients taken from <paramref name="coefficients"/> (tests inject them).</summary>
    internal static ShamirShare[] Split(ReadOnlySpan<byte> secret, int threshold, ReadOnlySpan<int> points, Action<Span<ulong>> coefficients)
    {
        if (secret.IsEmpty || secret.Length > MaxSecretBytes)
        {
            throw new ArgumentException($"a shared secret has 1 to {MaxSecretBytes} bytes, not {secret.Length}", nameof(secret));
        }

        if (threshold < 1 || threshold > points.Length)
        {
            throw new ArgumentException($"the threshold must be between 1 and the number of shares ({points.Length}), not {threshold}", nameof(threshold));
        }

        CheckPoints(points);
        var chunks = ChunkCount(secret.Length);

        // poly: (chunks, threshold); row c holds chunk c's polynomial, constant term first.
        var poly = new ulong[chunks * threshold];
        var values = new ulong[chunks];
        try
        {
            for (var c = 0; c < chunks; c++)
            {
                var row = poly.AsSpan(c * threshold, threshold);
                row[0] = ReadChunk(secret, c);
                coefficients(row[1..]);
                for (var j = 1; j < threshold; j++)
                {
                    if (row[j] >= Prime)
                    {
                        throw new InvalidOperationException("a polynomial coefficient is not a field element");
                    }
                }
            }

            var shares = new ShamirShare[points.Length];
            for (var h = 0; h < points.Length; h++)
            {
                var x = (ulong)points[h];
                for (var c = 0; c < chunks; c++)
                {
                    var row = poly.AsSpan(c * threshold, threshold);
                    var y = row[threshold - 1];
                    for (var j = threshold - 2; j >= 0; j--)
                    {
                        y = ShamirField.Add(ShamirField.Multiply(y, x), row[j]);
                    }

                    values[c] = y;
                }

                shares[h] = new ShamirShare(points[h], values);
            }

            return shares;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(poly.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    /// <summary>Rebuilds a secret of <paramref name="secretLength"/> bytes from the first <paramref name="threshold"/> of <paramref name="shares"/>.</summary>
    /// <returns>The secret; the caller zeroes it after use.</returns>
    /// <exception cref="ArgumentException">
    /// Fewer than <paramref name="threshold"/> shares; shares with repeated points or the wrong number
    /// of chunks; or shares that do not lie on one polynomial of a secret of that length (a chunk
    /// rebuilds to a value wider than its bytes: the shares are corrupted or mixed from different secrets).
    /// </exception>
    public static byte[] Combine(IReadOnlyList<ShamirShare> shares, int threshold, int secretLength)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        if (shares.Count < threshold)
        {
            throw new ArgumentException($"{threshold} shares are needed to rebuild the secret; {shares.Count} were given", nameof(shares));
        }

        var points = new ulong[threshold];
        for (var i = 0; i < threshold; i++)
        {
            points[i] = (ulong)shares[i].Point;
        }

        var lagrange = ShamirField.LagrangeAtZero(points);
        var secret = new byte[secretLength];
        CombineInto(shares, lagrange, secret);
        return secret;
    }

    /// <summary>
    /// Rebuilds into <paramref name="secret"/> from the first <c>lagrange.Length</c> shares, with the
    /// Lagrange coefficients of their points precomputed (a server rebuilding many secrets from the
    /// same holders computes them once).
    /// </summary>
    internal static void CombineInto(IReadOnlyList<ShamirShare> shares, ReadOnlySpan<ulong> lagrange, Span<byte> secret)
    {
        if (secret.IsEmpty || secret.Length > MaxSecretBytes)
        {
            throw new ArgumentException($"a shared secret has 1 to {MaxSecretBytes} bytes, not {secret.Length}", nameof(secret));
        }

        var chunks = ChunkCount(secret.Length);
        for (var i = 0; i < lagrange.Length; i++)
        {
            if (shares[i].Values.Length != chunks)
            {
                throw new ArgumentException($"the share at point {shares[i].Point} has {shares[i].Values.Length} chunks; a {secret.Length}-byte secret has {chunks}", nameof(shares));
            }
        }

        for (var c = 0; c < chunks; c++)
        {
            ulong value = 0;
            for (var i = 0; i < lagrange.Length; i++)
            {
                value = ShamirField.Add(value, ShamirField.Multiply(lagrange[i], shares[i].Values[c]));
            }

            var width = Math.Min(ChunkBytes, secret.Length - (c * ChunkBytes));
            if (value >> (8 * width) != 0)
            {
                CryptographicOperations.ZeroMemory(secret);
                throw new ArgumentException("the shares do not lie on one polynomial of a secret of this length: they are corrupted or come from different secrets", nameof(shares));
            }

            for (var b = 0; b < width; b++)
            {
                secret[(c * ChunkBytes) + b] = (byte)(value >> (8 * b));
            }
        }
    }

    private static ulong ReadChunk(ReadOnlySpan<byte> secret, int chunk)
    {
        var start = chunk * ChunkBytes;
        var width = Math.Min(ChunkBytes, secret.Length - start);
        Span<byte> word = stackalloc byte[8];
        word.Clear();
        secret.Slice(start, width).CopyTo(word);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(word);
        CryptographicOperations.ZeroMemory(word);
        return value;
    }

    private static void CheckPoints(ReadOnlySpan<int> points)
    {
        var seen = new HashSet<int>();
        foreach (var p in points)
        {
            if (p < 1)
            {
                throw new ArgumentException($"evaluation points must be at least 1, not {p}", nameof(points));
            }

            if (!seen.Add(p))
            {
                throw new ArgumentException($"evaluation point {p} appears twice", nameof(points));
            }
        }
    }

    /// <summary>Uniform field elements from the OS generator: 61 random bits, rejecting the single value p.</summary>
    private static void FillUniform(Span<ulong> destination)
    {
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(destination));
        Span<ulong> one = stackalloc ulong[1];
        for (var i = 0; i < destination.Length; i++)
        {
            var v = destination[i] & Prime;
            while (v == Prime)
            {
                RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(one));
                v = one[0] & Prime;
            }

            destination[i] = v;
        }
    }
}
