namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// Fixed-point encoding of a weighted update into Z_{2^k} and decoding of a sum. A coordinate x is
/// (optionally L2-clipped with the whole vector, then) clipped to [−c, c], multiplied by the weight
/// w and the scale S = B/(c·W), rounded to the nearest integer and clamped to [−B, B], with
/// B = ⌊(2^(k−1) − 1)/n⌋; so a sum of at most n encodings stays in the signed range and decodes
/// without wrap-around. The weight itself is the last element, unscaled.
/// </summary>
internal static class FixedPointCodec
{
    /// <summary>The weight a client with <paramref name="sampleCount"/> samples contributes: min(count, W), or 1 when updates count once.</summary>
    public static long WeightOf(long sampleCount, RoundParameters p) =>
        p.WeightBySamples ? Math.Min(sampleCount, p.MaxWeight) : 1;

    /// <summary>Encodes <paramref name="delta"/> with weight <paramref name="weight"/> into d + 1 ring elements (two's complement, not yet reduced to k bits).</summary>
    /// <exception cref="ArgumentException">The delta has the wrong length or a non-finite value, or the weight is outside [1, W].</exception>
    public static void Encode(ReadOnlySpan<float> delta, long weight, RoundParameters p, Span<ulong> destination)
    {
        if (delta.Length != p.Dimension || destination.Length != p.Elements)
        {
            throw new ArgumentException($"an update of {p.Dimension} values encodes into {p.Elements} elements; got {delta.Length} values and {destination.Length} elements", nameof(delta));
        }

        if (weight < 1 || weight > p.EffectiveMaxWeight)
        {
            throw new ArgumentException($"the weight {weight} is outside [1, {p.EffectiveMaxWeight}]", nameof(weight));
        }

        double factor = 1;
        if (p.ClipNorm is { } bound)
        {
            double squares = 0;
            for (var i = 0; i < delta.Length; i++)
            {
                squares += (double)delta[i] * delta[i];
            }

            var norm = Math.Sqrt(squares);
            if (norm > bound)
            {
                factor = bound / norm;
            }
        }

        var c = p.EffectiveClipRange;
        var scale = weight * p.Scale;
        var b = (long)p.PerClientBound;
        for (var i = 0; i < delta.Length; i++)
        {
            var x = delta[i];
            if (!float.IsFinite(x))
            {
                throw new ArgumentException($"the update has a non-finite value ({x}) at index {i}", nameof(delta));
            }

            var v = Math.Clamp(x * factor, -c, c);
            var q = Math.Clamp((long)Math.Round(v * scale), -b, b);
            destination[i] = unchecked((ulong)q);
        }

        destination[^1] = (ulong)weight;
    }

    /// <summary>Decodes a sum of encodings: Σ w·x per coordinate into <paramref name="weightedSum"/>; returns Σ w.</summary>
    public static double Decode(ReadOnlySpan<ulong> sum, RoundParameters p, Span<double> weightedSum)
    {
        if (sum.Length != p.Elements || weightedSum.Length != p.Dimension)
        {
            throw new ArgumentException($"a sum of {p.Elements} elements decodes into {p.Dimension} values", nameof(sum));
        }

        var shift = 64 - p.Bits;
        var scale = p.Scale;
        for (var i = 0; i < weightedSum.Length; i++)
        {
            // Sign-extend the k-bit two's-complement value.
            var signed = (long)(sum[i] << shift) >> shift;
            weightedSum[i] = signed / scale;
        }

        return sum[^1] & p.Mask;
    }
}
