using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Niss;

/// <summary>
/// How a client's noise N(0, σ_k²·I_d) is cut into shares, and how a share is expanded from its seed.
/// A share is the vector std·z with z ~ N(0, I_d) read from <see cref="GaussianNoise"/> over the
/// AES-CTR stream of a 32-byte seed, so the sender (adding +std·z) and the recipient (adding
/// −s·std·z) expand the same seed into the same vector, coordinate for coordinate.
/// </summary>
internal static class ShareNoise
{
    /// <summary>Coordinates expanded at a time (the scratch length).</summary>
    public const int ChunkLength = 4096;

    /// <summary>
    /// v = ⌈σ_k²/σ²⌉ shares (0 when σ_k = 0): v − 1 of variance σ² and a last one of variance
    /// σ_k² − (v − 1)·σ² ∈ (0, σ²], so that the variances sum to σ_k² exactly. A ratio within 1e-9 of
    /// an integer rounds down to it (its last share then exceeds σ² by that relative hair).
    /// </summary>
    public static long ShareCount(double noiseStd, double unitVariance)
    {
        if (noiseStd == 0)
        {
            return 0;
        }

        var v = Math.Ceiling((noiseStd * noiseStd / unitVariance) - 1e-9);
        return v < 1 ? 1 : v >= long.MaxValue ? long.MaxValue : (long)v;
    }

    /// <summary>The standard deviation of share <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static double ShareStd(long index, long count, double noiseStd, double unitVariance) =>
        index < count - 1
            ? Math.Sqrt(unitVariance)
            : Math.Sqrt(Math.Max((noiseStd * noiseStd) - ((count - 1) * unitVariance), 0));

    /// <summary>
    /// sum[i] += multiplier · std · z_i for the share expanded from <paramref name="seed"/>; the
    /// scratch (any length ≥ 1) is cleared afterwards.
    /// </summary>
    public static void Accumulate(ReadOnlySpan<byte> seed, double std, double multiplier, Span<double> sum, Span<double> scratch)
    {
        using var noise = GaussianNoise.FromSeed(seed);
        for (var start = 0; start < sum.Length; start += scratch.Length)
        {
            var chunk = sum.Slice(start, Math.Min(scratch.Length, sum.Length - start));
            var z = scratch[..chunk.Length];
            noise.Fill(z, std);
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] += multiplier * z[i];
            }
        }

        scratch.Clear();
    }
}
