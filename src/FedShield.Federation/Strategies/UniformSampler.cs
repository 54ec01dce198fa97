namespace FedShield.Federation.Strategies;

/// <summary>
/// Samples clients uniformly without replacement: <c>max(⌊fraction·n⌋, minimum)</c> of the n
/// available clients, or a fixed count (FedAvg's client sampling).
/// </summary>
public sealed class UniformSampler : IClientSampler
{
    private UniformSampler(double fraction, int count, int minimum)
    {
        Fraction = fraction;
        Count = count;
        Minimum = minimum;
    }

    /// <summary>The fraction of available clients per round (0 when a fixed count is used).</summary>
    public double Fraction { get; }

    /// <summary>The fixed number of clients per round (0 when a fraction is used).</summary>
    public int Count { get; }

    /// <summary>The least number of clients a round samples.</summary>
    public int Minimum { get; }

    /// <summary>Samples a fraction of the available clients, at least <paramref name="minimum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1] or the minimum is below 1.</exception>
    public static UniformSampler WithFraction(double fraction, int minimum = 1)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction of clients per round must be in (0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        return new UniformSampler(fraction, 0, minimum);
    }

    /// <summary>Samples exactly <paramref name="count"/> clients per round.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1.</exception>
    public static UniformSampler WithCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new UniformSampler(0, count, count);
    }

    /// <inheritdoc/>
    public IReadOnlyList<int> Sample(IReadOnlyList<int> available, int round, Random random)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(random);
        var n = available.Count;
        var k = Count > 0 ? Count : Math.Max((int)Math.Floor(Fraction * n + 1e-9), Minimum);
        if (k > n)
        {
            throw new InvalidOperationException($"round {round}: {k} clients are needed but only {n} are available");
        }

        // Partial Fisher–Yates over a copy: the first k positions are a uniform k-subset.
        var ids = available.ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = i + random.Next(n - i);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }

        var chosen = ids[..k];
        Array.Sort(chosen);
        return chosen;
    }
}
