using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// The coordinate-wise trimmed mean (Yin et al. 2018), unweighted: for each coordinate, drop the
/// k = ⌊β·n⌋ largest and k smallest values and average the remaining n − 2k (summed in ascending
/// order in double precision, rounded to float once, so the result does not depend on the order of
/// the updates). Robust while attackers number at most k.
/// </summary>
/// <remarks>
/// Metrics: <c>agg.selected</c> updates used (n), <c>agg.excluded</c> updates left out (0),
/// <c>agg.trimmed</c> values dropped per coordinate (2k). <see cref="AggregationResult.ExcludedClients"/>
/// is empty. k is ⌊β·n + 10⁻⁹⌋, so β = 0.3 with n = 10 trims 3 despite binary rounding.
/// Same blocked, vectorised, multi-core scheme as <see cref="MedianAggregator"/>.
/// </remarks>
public sealed class TrimmedMeanAggregator : IAggregator
{
    /// <summary>Creates the rule.</summary>
    /// <param name="beta">Fraction trimmed at each end, in [0, 0.5); 0 gives the plain unweighted mean.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not in [0, 0.5).</exception>
    public TrimmedMeanAggregator(double beta)
    {
        if (!(beta >= 0 && beta < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"the trimmed fraction beta must be in [0, 0.5); got {beta.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        Beta = beta;
    }

    /// <summary>The fraction trimmed at each end.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public string Name => "trimmed-mean";

    /// <summary>The values trimmed at each end of a coordinate among <paramref name="n"/> updates: ⌊β·n + 10⁻⁹⌋.</summary>
    public int TrimCount(int n) => (int)Math.Floor(Beta * n + 1e-9);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">There are no updates, or n ≤ 2k.</exception>
    /// <exception cref="ArgumentException">Updates differ in length, repeat a client id, or hold a NaN or infinite value.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        int length = RobustMath.CheckUpdates(updates, "the trimmed mean");
        int n = updates.Count;
        int k = TrimCount(n);
        if (n <= 2 * k)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the trimmed mean needs n > 2k updates; got n = {n} with k = {k} (beta = {Beta:R})"));
        }

        var network = CoordinateSortingNetwork.Selecting(n, k, n - k, ordered: true);
        var delta = CoordinateBlocks.Reduce(updates, length, network, new RowMeanReducer(k, n - k));
        return new AggregationResult(
            delta,
            MetricSet.Of(new Metric("agg.selected", n), new Metric("agg.excluded", 0), new Metric("agg.trimmed", 2 * k)),
            []);
    }
}
