namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Client-level L2 clipping: Δ ← Δ · min(1, C / ‖Δ‖₂), which bounds what one client can add to a
/// sum and so the sensitivity that the Gaussian mechanism's noise is calibrated to.
/// </summary>
/// <remarks>
/// Norms are accumulated in double precision, element by element in index order (no vectorised
/// reduction), so they are the same on every machine. After scaling, the float32 rounding of the
/// elements may push the norm a hair above the bound; the vector is then scaled down again until
/// its norm, as <see cref="Norm"/> measures it, is at most the bound. The guarantee is exact:
/// <c>Norm(delta) &lt;= bound</c> after <see cref="ClipInPlace"/>.
/// </remarks>
public static class L2Clipping
{
    /// <summary>‖values‖₂, accumulated in double precision in index order.</summary>
    public static double Norm(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Scales <paramref name="delta"/> so that its L2 norm is at most <paramref name="bound"/>; a
    /// vector already within the bound is left unchanged (bit for bit).
    /// </summary>
    /// <param name="delta">The update, modified in place.</param>
    /// <param name="bound">The clipping norm C (positive and finite).</param>
    /// <returns>The norm of <paramref name="delta"/> before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bound is not positive and finite.</exception>
    /// <exception cref="ArgumentException">The delta holds a NaN or infinite value (its norm is then meaningless).</exception>
    public static double ClipInPlace(Span<float> delta, double bound)
    {
        if (!(bound > 0) || double.IsInfinity(bound))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "the clipping norm must be positive and finite");
        }

        var norm = Norm(delta);
        if (!double.IsFinite(norm))
        {
            throw new ArgumentException($"the update has a non-finite value at index {IndexOfNonFinite(delta)}; it cannot be clipped", nameof(delta));
        }

        if (norm <= bound)
        {
            return norm;
        }

        var current = norm;
        var shrink = 1.0;
        for (var attempt = 0; current > bound; attempt++)
        {
            // Rounding each element to float can leave the norm up to ~2⁻²⁴ relative above the
            // bound; aim slightly lower on every retry until it lands at or below.
            var scale = bound / current * shrink;
            for (var i = 0; i < delta.Length; i++)
            {
                delta[i] = (float)(delta[i] * scale);
            }

            current = Norm(delta);
            shrink = attempt < 8 ? shrink * (1 - 1e-7) : shrink * 0.5;
        }

        return norm;
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
