namespace FedShield.Data;

/// <summary>
/// The distributions the partitioners and the synthetic datasets draw from, all fed by one seeded <see cref="Random"/>: uniform,
/// standard normal (Box–Muller), Gamma (Marsaglia–Tsang), Dirichlet, log-normal, and Fisher–Yates shuffles.
/// </summary>
internal sealed class RandomDraws(Random random)
{
    private double _spareNormal;
    private bool _hasSpareNormal;

    public Random Random { get; } = random ?? throw new ArgumentNullException(nameof(random));

    /// <summary>A uniform draw in (0, 1]: safe to take the logarithm of.</summary>
    public double NextOpenUniform() => 1.0 - Random.NextDouble();

    /// <summary>A standard normal draw. Box–Muller yields two per pair of uniforms; the second is kept for the next call.</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double radius = Math.Sqrt(-2.0 * Math.Log(NextOpenUniform()));
        double angle = 2.0 * Math.PI * Random.NextDouble();
        _spareNormal = radius * Math.Sin(angle);
        _hasSpareNormal = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>
    /// The natural logarithm of a Gamma(<paramref name="shape"/>, 1) draw. Working in logs keeps tiny shapes
    /// usable: for shape 0.01 the draw itself often underflows to 0, its logarithm does not.
    /// </summary>
    public double NextGammaLog(double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Gamma shape {shape} must be positive and finite.");
        }

        if (shape < 1)
        {
            // Marsaglia–Tsang boost: if G ~ Gamma(shape + 1) and U ~ U(0, 1], then G·U^(1/shape) ~ Gamma(shape).
            return NextGammaLog(shape + 1) + (Math.Log(NextOpenUniform()) / shape);
        }

        // Marsaglia & Tsang (2000), "A simple method for generating gamma variables": squeeze, then log test.
        double d = shape - (1.0 / 3.0);
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = NextNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            double u = NextOpenUniform();
            double x2 = x * x;
            if (u < 1.0 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1.0 - v + Math.Log(v))))
            {
                return Math.Log(d) + Math.Log(v);
            }
        }
    }

    /// <summary>A Gamma(<paramref name="shape"/>, 1) draw.</summary>
    public double NextGamma(double shape) => Math.Exp(NextGammaLog(shape));

    /// <summary>
    /// Fills <paramref name="proportions"/> with a draw from the symmetric Dirichlet(α, …, α): independent
    /// Gamma(α) draws normalised to sum 1, normalised in log space (log-sum-exp) so that small α cannot give 0/0.
    /// </summary>
    public void NextDirichlet(double alpha, Span<double> proportions)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < proportions.Length; i++)
        {
            proportions[i] = NextGammaLog(alpha);
            max = Math.Max(max, proportions[i]);
        }

        double sum = 0;
        for (int i = 0; i < proportions.Length; i++)
        {
            proportions[i] = Math.Exp(proportions[i] - max);
            sum += proportions[i];
        }

        for (int i = 0; i < proportions.Length; i++)
        {
            proportions[i] /= sum;
        }
    }

    /// <summary>A draw of exp(σ·Z), Z standard normal: log-normal with parameters (0, σ).</summary>
    public double NextLogNormal(double sigma) => Math.Exp(sigma * NextNormal());

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates), every permutation equally likely.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = Random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
