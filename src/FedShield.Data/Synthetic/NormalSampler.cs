namespace FedShield.Data.Synthetic;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> by the Box–Muller transform (both values of each pair used).</summary>
internal sealed class NormalSampler
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    public NormalSampler(Random random)
    {
        _random = random;
    }

    /// <summary>The next N(0, 1) value.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        // u1 in (0, 1] so that the logarithm is finite.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
