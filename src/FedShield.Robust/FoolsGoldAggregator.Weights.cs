namespace FedShield.Robust;

/// <content>The weighting of Algorithm 1, from compared vectors to per-client weights.</content>
public sealed partial class FoolsGoldAggregator
{
    /// <summary>
    /// The cosine similarity of every pair of <paramref name="vectors"/> (symmetric, diagonal 1), in
    /// double precision, clamped to [−1, 1]; 0 where a vector has norm 0; exactly 1 within
    /// <see cref="ParallelTolerance"/> of 1.
    /// </summary>
    internal static double[,] CosineSimilarities(ReadOnlyMemory<float>[] vectors)
    {
        var n = vectors.Length;
        var squaredNorms = new double[n];
        for (var i = 0; i < n; i++)
        {
            squaredNorms[i] = VectorMath.SquaredNorm(vectors[i].Span);
        }

        var cs = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            cs[i, i] = 1;
            for (var j = i + 1; j < n; j++)
            {
                double c = 0;
                if (squaredNorms[i] > 0 && squaredNorms[j] > 0)
                {
                    // sqrt(a·b) rather than sqrt(a)·sqrt(b): for identical vectors the dot product equals
                    // a = b bit for bit and sqrt(a·a) = a exactly, so c is exactly 1.
                    c = VectorMath.Dot(vectors[i].Span, vectors[j].Span) / Math.Sqrt(squaredNorms[i] * squaredNorms[j]);
                    c = c >= 1 - ParallelTolerance ? 1 : Math.Max(c, -1);
                }

                cs[i, j] = c;
                cs[j, i] = c;
            }
        }

        return cs;
    }

    /// <summary>
    /// FoolsGold's weights from the similarity matrix <paramref name="cs"/> (n × n, n ≥ 1; the diagonal
    /// is ignored): max similarity, pardoning, 1 − max, normalisation by the largest, logit with
    /// confidence <paramref name="kappa"/>. All weights are 0 when every client's largest pardoned
    /// similarity is 1 or more.
    /// </summary>
    internal static double[] WeightsFromSimilarities(double[,] cs, double kappa)
    {
        var n = cs.GetLength(0);
        if (n == 1)
        {
            return [1.0];
        }

        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = double.NegativeInfinity;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    v[i] = Math.Max(v[i], cs[i, j]);
                }
            }
        }

        var alpha = new double[n];
        double largest = 0;
        for (var i = 0; i < n; i++)
        {
            var m = double.NegativeInfinity;
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var c = cs[i, j];
                if (v[i] > 0 && v[j] > v[i])
                {
                    // Pardoning: an honest client that merely resembles a sybil (whose own maximum is
                    // higher) is penalised less.
                    c *= v[i] / v[j];
                }

                m = Math.Max(m, c);
            }

            alpha[i] = Math.Clamp(1 - m, 0, 1);
            largest = Math.Max(largest, alpha[i]);
        }

        if (largest == 0)
        {
            return alpha;
        }

        for (var i = 0; i < n; i++)
        {
            var a = alpha[i] / largest;
            if (a == 1)
            {
                a = 0.99;
            }

            a = kappa * (Math.Log(a / (1 - a)) + 0.5);
            alpha[i] = double.IsNaN(a) ? 0 : Math.Clamp(a, 0, 1);
        }

        return alpha;
    }
}
