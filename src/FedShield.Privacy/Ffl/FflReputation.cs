namespace FedShield.Privacy.Ffl;

/// <summary>
/// FFL's COMPUTE_SIMILARITY and the quartiles and trust of UPDATE_REPUTATIONS (seeds/003, eqs. 5–9).
/// </summary>
public static class FflReputation
{
    /// <summary>
    /// The first quartile with linear interpolation between order statistics (position 0.25·(n − 1)),
    /// the default of NumPy's quantile; 0 for an empty set.
    /// </summary>
    public static double FirstQuartile(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var position = 0.25 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>
    /// sim_k = α·ds_k + (1 − α)·cs_k for each mixed update: ds_k is 1 − |med − ‖∇_k‖| / max_j |med − ‖∇_j‖|
    /// with med the median of the magnitudes, and cs_k is (cos(∇_k,L, med_L) + 1) / 2 with med_L the
    /// coordinate-wise median of the last-layer gradients.
    /// </summary>
    /// <remarks>
    /// The paper's gradient (W^t − W_mix)/η is a fixed negative multiple of the mixed delta; both ds (normalised
    /// by its maximum) and the cosine are unchanged by that multiple, so the deltas are used as they are.
    /// A zero last-layer gradient or median has cosine 0 (the midpoint of the normalised range).
    /// </remarks>
    /// <param name="mixed">The mixed updates (deltas), one per participant.</param>
    /// <param name="lastLayer">The last layer's coordinates.</param>
    /// <param name="alpha">α.</param>
    public static double[] Similarity(IReadOnlyList<float[]> mixed, Range lastLayer, double alpha)
    {
        ArgumentNullException.ThrowIfNull(mixed);
        var n = mixed.Count;
        if (n == 0)
        {
            return [];
        }

        var magnitudes = new double[n];
        for (var k = 0; k < n; k++)
        {
            double sum = 0;
            foreach (var v in mixed[k])
            {
                sum += (double)v * v;
            }

            magnitudes[k] = Math.Sqrt(sum);
        }

        var median = Median(magnitudes);
        var ds = new double[n];
        var maxDistance = 0.0;
        for (var k = 0; k < n; k++)
        {
            ds[k] = Math.Abs(median - magnitudes[k]);
            maxDistance = Math.Max(maxDistance, ds[k]);
        }

        var (start, length) = lastLayer.GetOffsetAndLength(mixed[0].Length);
        var medianLast = new double[length];
        var column = new double[n];
        for (var i = 0; i < length; i++)
        {
            for (var k = 0; k < n; k++)
            {
                column[k] = mixed[k][start + i];
            }

            medianLast[i] = Median(column);
        }

        var medianNorm = Math.Sqrt(medianLast.Sum(v => v * v));
        var sim = new double[n];
        for (var k = 0; k < n; k++)
        {
            double dot = 0, norm = 0;
            var last = mixed[k].AsSpan(start, length);
            for (var i = 0; i < length; i++)
            {
                dot += last[i] * medianLast[i];
                norm += (double)last[i] * last[i];
            }

            var cos = norm > 0 && medianNorm > 0 ? Math.Clamp(dot / (Math.Sqrt(norm) * medianNorm), -1, 1) : 0;
            var distance = maxDistance > 0 ? 1 - (ds[k] / maxDistance) : 1;
            sim[k] = (alpha * distance) + ((1 - alpha) * (cos + 1) / 2);
        }

        return sim;
    }

    /// <summary>ν_i = max(tanh(γ_i − Q1(γ)), 0) over the whole reputation vector (eq. 9).</summary>
    public static double[] Trust(ReadOnlySpan<double> reputations)
    {
        var q1 = FirstQuartile(reputations);
        var trust = new double[reputations.Length];
        for (var i = 0; i < trust.Length; i++)
        {
            trust[i] = Math.Max(Math.Tanh(reputations[i] - q1), 0);
        }

        return trust;
    }

    /// <summary>The median, averaging the two middle values of an even count.</summary>
    internal static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
