using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// The geometric median of the updates, argmin_z Σ α_k ‖z − w_k‖ with α_k the sample counts normalised
/// to sum to 1, by the smoothed Weiszfeld iteration of RFA (Pillutla, Kakade, Harchaoui, "Robust
/// Aggregation for Federated Learning", 2022): starting from the weighted mean,
/// z ← Σ β_k w_k / Σ β_k with β_k = α_k / max(ν, ‖z − w_k‖), until
/// <see cref="GeometricMedianOptions.MaxIterations"/> steps or until a step lowers the objective by less
/// than <see cref="GeometricMedianOptions.Tolerance"/> times its new value. Unlike the mean, the result
/// moves by a bounded amount however far a minority of updates lies. Distances, the iterate and all
/// sums are in double precision, accumulated in ascending client-id order, so the result does not depend
/// on the order of the updates. No update is excluded.
/// </summary>
/// <remarks>
/// Metrics: <c>agg.iterations</c> (Weiszfeld steps taken; 0 when the mean already has objective 0, i.e.
/// all updates are equal) and <c>agg.objective</c> (Σ α_k ‖z − w_k‖ at the returned z, before rounding to
/// single precision). Each step costs two passes over the updates.
/// </remarks>
public sealed class GeometricMedianAggregator : IAggregator
{
    /// <summary>Creates the aggregator.</summary>
    /// <param name="options">Iteration settings; null for the defaults.</param>
    public GeometricMedianAggregator(GeometricMedianOptions? options = null) => Options = options ?? new GeometricMedianOptions();

    /// <summary>The iteration settings.</summary>
    public GeometricMedianOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "geometric-median";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The updates differ in length, a sample count is not positive, a value is not finite or a client appears twice.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var sorted = UpdateChecks.InClientOrder(updates, Name);
        var n = sorted.Length;
        var alpha = new double[n];
        double total = 0;
        foreach (var u in sorted)
        {
            total += u.SampleCount;
        }

        for (var k = 0; k < n; k++)
        {
            alpha[k] = sorted[k].SampleCount / total;
        }

        // z starts at the weighted mean Σ n_k w_k / Σ n_k.
        var z = new double[sorted[0].Values.Length];
        for (var k = 0; k < n; k++)
        {
            VectorMath.AddScaledInPlace(z, sorted[k].SampleCount, sorted[k].Values);
        }

        DivideInPlace(z, total);

        var distances = new double[n];
        var objective = Objective(z, sorted, alpha, distances);
        var iterations = 0;
        var beta = new double[n];
        while (objective > 0 && iterations < Options.MaxIterations)
        {
            double betaSum = 0;
            for (var k = 0; k < n; k++)
            {
                beta[k] = alpha[k] / Math.Max(Options.Smoothing, distances[k]);
                betaSum += beta[k];
            }

            Array.Clear(z);
            for (var k = 0; k < n; k++)
            {
                VectorMath.AddScaledInPlace(z, beta[k], sorted[k].Values);
            }

            DivideInPlace(z, betaSum);
            iterations++;
            var previous = objective;
            objective = Objective(z, sorted, alpha, distances);
            if (previous - objective <= Options.Tolerance * objective)
            {
                break;
            }
        }

        var metrics = MetricSet.Of(new Metric("agg.iterations", iterations), new Metric("agg.objective", objective));
        return new AggregationResult(VectorMath.ToSingle(z, 1.0), metrics, []);
    }

    private static double Objective(ReadOnlySpan<double> z, ClientUpdate[] updates, double[] alpha, double[] distances)
    {
        double objective = 0;
        for (var k = 0; k < updates.Length; k++)
        {
            distances[k] = VectorMath.Distance(z, updates[k].Values);
            objective += alpha[k] * distances[k];
        }

        return objective;
    }

    private static void DivideInPlace(Span<double> z, double divisor)
    {
        for (var i = 0; i < z.Length; i++)
        {
            z[i] /= divisor;
        }
    }
}
