using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.State;
using FedShield.Federation.Strategies;

namespace FedShield.Robust;

/// <summary>
/// FoolsGold (Fung, Yoon, Beschastnikh, "The Limitations of Federated Learning in Sybil Settings",
/// RAID 2020, Algorithm 1): sybils pushing the same poisoned objective send updates that point the same
/// way round after round, so each client is down-weighted by how similar its update history is to
/// another client's.
/// </summary>
/// <remarks>
/// <para>
/// Per round, over the clients of the round: H_i is the sum of all of client i's updates so far,
/// this round's included (only this round's update when <see cref="FoolsGoldOptions.UseHistory"/> is
/// false), restricted to <see cref="FoolsGoldOptions.SimilarityRange"/>; cs_ij is the cosine similarity
/// of H_i and H_j; v_i = max_{j≠i} cs_ij; pardoning: cs_ij ← cs_ij · v_i / v_j where v_j &gt; v_i;
/// α_i = 1 − max_{j≠i} cs_ij clipped to [0, 1]; α ← α / max α; α_i = 0.99 where α_i = 1;
/// α_i ← κ (ln(α_i / (1 − α_i)) + 0.5) clipped to [0, 1], with NaN and −∞ giving 0. A single update gets
/// weight 1.
/// </para>
/// <para>
/// The aggregate is Σ α_i Δ_i / Σ α_i over the full update vectors (sample counts do not enter). This
/// normalised weighting is this project's choice: the original prototype instead scaled the learning
/// rate of each client's gradient by α_i. Clients with α_i = 0 are reported as excluded.
/// </para>
/// <para>
/// Numerical choices, each needed to keep the weights defined: a history of norm 0 has similarity 0 to
/// every other; similarities within <see cref="ParallelTolerance"/> of 1 count as exactly 1, so rounding
/// noise in the cosine of two parallel histories cannot decide between weight 0 and weight 1;
/// pardoning applies only where v_i &gt; 0 (for v_i ≤ 0 the ratio v_i / v_j would flip the sign of
/// cs_ij or divide by zero, while such a client is already unlike every other and keeps α_i = 1).
/// </para>
/// <para>
/// Histories are kept per client id in single precision (as the updates are), so a checkpoint holds
/// them exactly and a resumed run continues bit for bit; they take 4 bytes per compared coordinate per
/// client ever seen, which the similarity range keeps small. Sums are in double precision in ascending
/// client-id order, so the result does not depend on the order of the updates. When
/// <see cref="Aggregate"/> throws, the histories are left as they were. Not thread-safe: one round at a
/// time.
/// </para>
/// <para>
/// Metrics: <c>agg.selected</c> and <c>agg.excluded</c> (clients with weight above 0 and equal to 0),
/// <c>agg.weight_min</c>, <c>agg.weight_mean</c>, and <c>agg.weight.c{id}</c> for each client of the round.
/// </para>
/// </remarks>
public sealed partial class FoolsGoldAggregator : IAggregator, ICheckpointable
{
    /// <summary>Cosine similarities at or above 1 − this value count as 1 (parallel histories).</summary>
    public const double ParallelTolerance = 1e-9;

    // Client id -> sum of its updates over the compared coordinates. All of length
    // SimilarityRange resolved against _modelLength.
    private readonly SortedDictionary<int, float[]> _history = [];
    private int _modelLength = -1;

    /// <summary>Creates the aggregator with an empty history.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    public FoolsGoldAggregator(FoolsGoldOptions? options = null) => Options = options ?? new FoolsGoldOptions();

    /// <summary>The settings.</summary>
    public FoolsGoldOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "foolsgold";

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Every client got weight 0 (e.g. all histories are parallel), or a history overflowed single precision.</exception>
    /// <exception cref="ArgumentException">
    /// The updates differ in length, a sample count is not positive, a value is not finite, a client
    /// appears twice, the similarity range does not fit the updates, or the history was built from
    /// updates of another length.
    /// </exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var sorted = UpdateChecks.InClientOrder(updates, Name);
        var length = sorted[0].Values.Length;
        var (offset, count) = ComparedCoordinates(length, nameof(updates));
        if (Options.UseHistory && _history.Count > 0 && _modelLength != length)
        {
            throw new ArgumentException($"foolsgold history was built from updates of {_modelLength} values, but this round's have {length}", nameof(updates));
        }

        var n = sorted.Length;
        var compared = new ReadOnlyMemory<float>[n];
        var histories = Options.UseHistory ? new float[n][] : null;
        for (var k = 0; k < n; k++)
        {
            var slice = sorted[k].Values.AsMemory(offset, count);
            if (histories is null)
            {
                compared[k] = slice;
                continue;
            }

            var h = new float[count];
            if (_history.TryGetValue(sorted[k].ClientId, out var past))
            {
                past.CopyTo(h, 0);
            }

            var current = slice.Span;
            for (var c = 0; c < count; c++)
            {
                h[c] += current[c];
                if (!float.IsFinite(h[c]))
                {
                    throw new InvalidOperationException($"foolsgold history of client {sorted[k].ClientId} overflowed single precision at compared coordinate {c}");
                }
            }

            histories[k] = h;
            compared[k] = h;
        }

        var weights = n == 1 ? [1.0] : WeightsFromSimilarities(CosineSimilarities(compared), Options.Kappa);
        double weightSum = 0;
        foreach (var w in weights)
        {
            weightSum += w;
        }

        if (!(weightSum > 0))
        {
            throw new InvalidOperationException($"foolsgold gave every client weight 0: the {n} clients' {(Options.UseHistory ? "update histories" : "updates")} are each parallel to another's, so all look like sybils");
        }

        var sum = new double[length];
        for (var k = 0; k < n; k++)
        {
            if (weights[k] > 0)
            {
                VectorMath.AddScaledInPlace(sum, weights[k], sorted[k].Values);
            }
        }

        if (histories is not null)
        {
            for (var k = 0; k < n; k++)
            {
                _history[sorted[k].ClientId] = histories[k];
            }

            _modelLength = length;
        }

        return new AggregationResult(VectorMath.ToSingle(sum, weightSum), Metrics(sorted, weights, weightSum), Excluded(sorted, weights));
    }

    private (int Offset, int Count) ComparedCoordinates(long length, string paramName)
    {
        var range = Options.SimilarityRange ?? Range.All;
        var start = range.Start.IsFromEnd ? length - range.Start.Value : range.Start.Value;
        var end = range.End.IsFromEnd ? length - range.End.Value : range.End.Value;
        if (start < 0 || end > length || end <= start)
        {
            throw new ArgumentException($"foolsgold similarity range {range} selects no coordinates of updates of {length} values; expected a non-empty range within [0, {length})", paramName);
        }

        return ((int)start, (int)(end - start));
    }

    private static MetricSet Metrics(ClientUpdate[] sorted, double[] weights, double weightSum)
    {
        var selected = weights.Count(w => w > 0);
        var metrics = new Metric[4 + sorted.Length];
        metrics[0] = new Metric("agg.selected", selected);
        metrics[1] = new Metric("agg.excluded", weights.Length - selected);
        metrics[2] = new Metric("agg.weight_min", weights.Min());
        metrics[3] = new Metric("agg.weight_mean", weightSum / weights.Length);
        for (var k = 0; k < sorted.Length; k++)
        {
            metrics[4 + k] = new Metric(string.Create(CultureInfo.InvariantCulture, $"agg.weight.c{sorted[k].ClientId}"), weights[k]);
        }

        return MetricSet.Of(metrics);
    }

    private static int[] Excluded(ClientUpdate[] sorted, double[] weights)
    {
        var excluded = new List<int>();
        for (var k = 0; k < sorted.Length; k++)
        {
            if (weights[k] == 0)
            {
                excluded.Add(sorted[k].ClientId);
            }
        }

        return [.. excluded];
    }
}
