using System.Globalization;

namespace FedShield.Robust;

/// <summary>
/// The number of Byzantine clients f a robust aggregator is built to tolerate: either a fixed count,
/// or a fraction of the updates of each round, resolved when the round's size n is known.
/// </summary>
/// <remarks>The default value is <c>Count(0)</c>.</remarks>
public readonly record struct AssumedAttackers
{
    private const double ResolveSlack = 1e-9;

    private AssumedAttackers(bool isFraction, double value)
    {
        IsFraction = isFraction;
        Value = value;
    }

    /// <summary>Whether f is a fraction of n (<see cref="Fraction"/>) rather than a fixed count (<see cref="Count"/>).</summary>
    public bool IsFraction { get; }

    /// <summary>The fixed count f, or the fraction of n when <see cref="IsFraction"/>.</summary>
    public double Value { get; }

    /// <summary>Exactly <paramref name="f"/> attackers, whatever the number of updates.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="f"/> is negative.</exception>
    public static AssumedAttackers Count(int f)
    {
        if (f < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, $"the number of assumed attackers must be 0 or more; got {f}.");
        }

        return new AssumedAttackers(false, f);
    }

    /// <summary>
    /// A fraction of the round's updates: f = ⌊fraction · n + 10⁻⁹⌋ (the slack keeps 0.3 · 10 at 3
    /// despite binary rounding).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in [0, 0.5).</exception>
    public static AssumedAttackers Fraction(double fraction)
    {
        if (!(fraction >= 0 && fraction < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"the assumed fraction of attackers must be in [0, 0.5); got {fraction.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        return new AssumedAttackers(true, fraction);
    }

    /// <summary>The number of attackers f assumed among <paramref name="n"/> updates.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public int Resolve(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return IsFraction ? (int)Math.Floor(Value * n + ResolveSlack) : (int)Value;
    }

    /// <summary>"f=2" for a count, "f=20% of n" for a fraction.</summary>
    public override string ToString() => IsFraction
        ? string.Create(CultureInfo.InvariantCulture, $"f={Value * 100:0.######}% of n")
        : string.Create(CultureInfo.InvariantCulture, $"f={(int)Value}");
}
